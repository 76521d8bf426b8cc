-- DESIGN §4.4 for one player.
-- Arguments, in order: player id, taste (vector), now, lambda, tau (s), window (s), candidates, limit, exclude queued.
SELECT sound_id, mix_id, similarity, penalty, score
FROM public.recommend_with_penalty({0}, {1}, {2}, {3}, {4},
                                   {5}, {6}, {7}, {8})
