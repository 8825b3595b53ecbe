/** The small fixed set of reactions; one of each per person per post. */
export const REACTIONS = ['thanks', 'agree', 'helpful', 'same'] as const;
export type ReactionKind = (typeof REACTIONS)[number];
export const REACTION_EMOJI: Record<ReactionKind, string> = { thanks: '🙏', agree: '👍', helpful: '💡', same: '✋' };
