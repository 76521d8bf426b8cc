-- The live definition of public.recommend_with_penalty: recommend_for_players for one player. Edit it here, then add a
-- migration that applies it again (RecommendationFunctions.Apply); 20261124090000_RecommendForPlayers wrote this body last.
CREATE OR REPLACE FUNCTION public.recommend_with_penalty(
    p_player uuid, p_taste vector, p_now timestamptz,
    p_lambda double precision, p_tau_seconds double precision, p_window_seconds double precision,
    p_candidates integer, p_limit integer, p_exclude_queued boolean DEFAULT true)
RETURNS TABLE (sound_id uuid, mix_id uuid, similarity double precision, penalty double precision, score double precision)
LANGUAGE sql VOLATILE
SET search_path = public, pg_temp
AS $fn$
    SELECT r.sound_id, r.mix_id, r.similarity, r.penalty, r.score
    FROM public.recommend_for_players(ARRAY[p_player], ARRAY[p_taste], p_now, p_lambda, p_tau_seconds, p_window_seconds,
                                      p_candidates, p_limit, p_exclude_queued) AS r
    ORDER BY r.rank
$fn$;
