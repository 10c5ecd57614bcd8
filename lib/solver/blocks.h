/* creneau — blocks (H8) as units: construction and search neighbourhoods.
 *
 * The k-th occurrences of the members of one block must start together (a
 * parallel round). Moved one at a time, a member always leaves its block:
 * changing the time of a round of six workshops costs five H8 violations
 * before it gains anything, so single moves and swaps alone get stuck with
 * rounds on the wrong side of each other. Here a round (a "unit") is
 * placed and moved whole, and its rooms are found together as a maximum
 * matching between its members and the rooms free at its new start.
 */
#pragma once

#include "move.h"

G_BEGIN_DECLS

typedef struct _CrnBlocks CrnBlocks;

/* Units of the problem of @st, with the starts every movable member
 * accepts (pinned members are taken as they are in @st). */
CrnBlocks *crn_blocks_new (const CrnState *st);
void crn_blocks_free (CrnBlocks *bl);

/* The most occurrences a unit move can involve (two units). */
guint crn_blocks_max_move (const CrnBlocks *bl);

/* TRUE when occurrence @o belongs to a unit that can move as a whole. */
gboolean crn_blocks_is_unit_member (const CrnBlocks *bl, guint o);

/* Places every unplaced occurrence of the units of @block in @st; an
 * occurrence whose unit cannot be placed whole is left unplaced. */
void crn_blocks_construct (CrnBlocks *bl, CrnState *st, guint block, GRand *rand);

/* Fills @m with a move of the unit of @o: to another start its members all
 * accept (or to the start of one of them when they are apart), or trading
 * starts with another unit, rooms matched anew. FALSE when none applies. */
gboolean crn_blocks_random_move (CrnBlocks *bl, const CrnState *st, guint o, GRand *rand,
                                 CrnMove *m);

G_END_DECLS
