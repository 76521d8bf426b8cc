-- recommend_with_penalty for a batch of players in one statement, best first within each player.
-- Arguments, in order: player ids (uuid[]), their tastes (vector text, text[]), now, lambda, tau (s), window (s),
-- candidates, limit, exclude queued.
SELECT player_id, sound_id, mix_id, similarity, penalty, score
FROM public.recommend_for_players({0}, {1}::vector[], {2}, {3}, {4},
                                  {5}, {6}, {7}, {8})
ORDER BY player_id, rank
