"""Each playoff era's rules on small hand-made seasons: who makes the field, resets, cuts, the finale.

Drivers are numbered 1 to 20; in a race they finish in the order given, then everyone else in
number order. Points are the stage era's finishing points (40 for a win, 35, 34, ... 1).
"""

from results.standings.engine import Adjustment, Facts, Race, Result, Status, compute

FIELD = list(range(1, 21))
NAMES = {d: f"Driver {d}" for d in FIELD}


def points(finish):
    return 40 if finish == 1 else max(1, 37 - finish)


def race(number, *ahead, absent=(), stages=None, ineligible=(), extra=None, field=FIELD):
    """Race ``number``: ``ahead`` first, then the rest of the field by number; ``stages`` maps a
    driver to his (stage 1, stage 2) positions; ``extra`` adds points (a third stage)."""
    order = list(ahead) + [d for d in field if d not in ahead and d not in absent]
    stages, extra = stages or {}, extra or {}
    results = []
    for finish, driver in enumerate(order, 1):
        s1, s2 = stages.get(driver, (None, None))
        stage_points = sum(11 - s for s in (s1, s2) if s)
        earned = 0 if driver in ineligible else points(finish) + stage_points + extra.get(driver, 0)
        results.append(Result(driver, finish, earned, s1, s2, False))
    return Race(number, tuple(results))


def season(special, total):
    """``total`` races in number order; ``special`` maps a round to its race."""
    return [special.get(n) or race(n) for n in range(1, total + 1)]


def rows(outcome, round_number):
    return {r.driver: r for r in outcome.after[round_number]}


def statuses(outcome, round_number):
    return {r.driver: r.status for r in outcome.after[round_number]}


# --- Cup 2004–06: top 10 plus anyone within 400 points, 5,050 / 5,045 / ... -------------------


def test_chase_2004_takes_the_top_10_reset_by_position_and_the_most_points_wins():
    # Driver 10 wins the last 10 races from 10th in points: reset to 5,005, he overtakes the leader.
    races = season({n: race(n, 10) for n in range(27, 37)}, 36)
    outcome = compute("cup", 2005, races, names=NAMES)
    after_reset = rows(outcome, 27)
    assert after_reset[1].points == 5050 + 35 and after_reset[2].points == 5045 + 34
    assert after_reset[10].points == 5005 + 40
    assert outcome.champion == 10
    assert outcome.after[36][0].driver == 10


def test_chase_2004_also_takes_anyone_within_400_points_of_the_leader():
    outcome = compute("cup", 2004, season({}, 36), names=NAMES)
    after = rows(outcome, 26)
    assert after[1].points - after[12].points == 390 and after[1].points - after[13].points == 416
    assert {d for d, r in after.items() if r.status is Status.IN} == set(range(1, 13))


# --- Cup 2007–10: top 12, 5,000 plus 10 a win ------------------------------------------------


def test_chase_2007_resets_the_top_12_to_5000_plus_10_a_win():
    races = season({3: race(3, 12), 4: race(4, 12), 5: race(5, 13)}, 36)
    outcome = compute("cup", 2008, races, names=NAMES)
    assert statuses(outcome, 26)[12] is Status.IN and statuses(outcome, 26)[13] is Status.NONE  # a win is not enough
    assert rows(outcome, 27)[12].points == 5000 + 20 + points(12)
    assert rows(outcome, 27)[1].points == 5000 + 10 * 23 + 40  # driver 1 won the other 23
    assert outcome.champion == 1


# --- Cup 2011–13: wild cards, and the tie of 2011 -------------------------------------------


def test_wild_cards_go_to_the_most_wins_among_11th_to_20th_without_a_bonus():
    races = season({1: race(1, 18), 2: race(2, 18), 3: race(3, 15), 4: race(4, 11)}, 36)
    outcome = compute("cup", 2012, races, names=NAMES)
    field = {d for d, s in statuses(outcome, 26).items() if s is Status.IN}
    assert field == set(range(1, 11)) | {18, 11}  # 18: two wins; 11 and 15 one each, 11 ahead on points
    assert rows(outcome, 27)[18].points == 2000 + points(18)  # no bonus for a wild card's wins
    assert rows(outcome, 27)[1].points == 2000 + 3 * 22 + 40


def test_a_chase_tied_on_points_goes_to_the_driver_with_more_wins():
    # like Stewart and Edwards in 2011: level at the end, the title to the one with more wins
    regular = {n: race(n, 1 + n % 2) for n in range(1, 27)}  # 13 wins each
    chase = {n: race(n, 2, 1) for n in range(27, 37)}
    chase[27] = race(27, 2, 1, extra={1: 50})  # 10 wins to none; 1's extra 50 points level them
    outcome = compute("cup", 2011, season(regular | chase, 36), names=NAMES)
    final = rows(outcome, 36)
    assert final[1].points == final[2].points == 2000 + 13 * 3 + 400
    assert outcome.champion == 2 and outcome.after[36][0].driver == 2


# --- Cup 2014–16: winners first, eliminations, the finale ------------------------------------


def test_elimination_field_winners_first_a_winner_outside_the_top_30_is_not_in():
    forty = range(1, 41)  # driver 40 wins once and is last everywhere else: 40th in points
    races = [race(n, *{5: [19], 6: [40]}.get(n, []), field=forty) for n in range(1, 37)]
    outcome = compute("cup", 2016, races, names=NAMES)
    field = {d for d, s in statuses(outcome, 26).items() if s is Status.IN}
    assert field == set(range(1, 16)) | {19}  # the winner from 19th, then points


def test_each_round_drops_four_but_a_round_winner_goes_through():
    races = season({29: race(29, 16)}, 36)  # 16th in points wins the last race of the round
    outcome = compute("cup", 2015, races, names=NAMES)
    after_cut = statuses(outcome, 29)
    assert after_cut[16] is Status.ADVANCED
    assert {d for d, s in after_cut.items() if s is Status.ELIMINATED} == {12, 13, 14, 15}
    assert rows(outcome, 30)[16].points == 3000 + points(16)
    assert statuses(outcome, 32)[16] is Status.ELIMINATED  # no win in the Round of 12: last on points
    assert {d for d, s in statuses(outcome, 35).items() if s is Status.FINAL} == {1, 2, 3, 4}


def test_the_best_finisher_of_the_final_four_is_champion_whatever_the_points():
    round_wins = {n: race(n, 16) for n in (29, 32, 35)}  # 16th in points wins through every round
    races = season(round_wins | {36: race(36, 7, 8, 16, 3, 2, 1)}, 36)
    outcome = compute("cup", 2015, races, names=NAMES)
    assert outcome.champion == 16  # 3rd, ahead of the other three finalists
    assert [(r.driver, r.status) for r in outcome.after[36][:4]] == [
        (16, "final"),
        (3, "final"),
        (2, "final"),
        (1, "final"),
    ]


def test_a_finalist_with_more_points_than_the_champion_is_not_shown_a_negative_gap():
    # the finale: 16 finishes 3rd, best of the four; 1 finishes 6th but wins both stages (20 points more)
    round_wins = {n: race(n, 16) for n in (29, 32, 35)}
    races = season(round_wins | {36: race(36, 7, 8, 16, 3, 2, 1, stages={1: (1, 1)})}, 36)
    outcome = compute("cup", 2015, races, names=NAMES)
    final = rows(outcome, 36)
    assert outcome.champion == 16 and outcome.after[36][0].driver == 16
    assert final[1].points - final[16].points == 17
    assert (final[16].gap, final[1].gap) == (17, 0)  # behind the most points
    assert all(row.gap >= 0 for row in outcome.after[36])


def test_a_tie_at_the_cut_goes_to_the_best_finish_in_the_round():
    # Round of 16: 12 and 13 level on 2,075; 12 finishes 12th three times, 13 10th, 13th, 13th
    r27 = race(27, *range(1, 10), 13, 10, 12)
    r1 = race(1, 1, 12)  # 12 was 2nd once: ahead on the season's count-back, which does not decide here
    outcome = compute("cup", 2016, season({1: r1, 27: r27}, 36), names=NAMES)
    assert rows(outcome, 29)[12].points == rows(outcome, 29)[13].points
    assert statuses(outcome, 29)[13] is Status.ADVANCED and statuses(outcome, 29)[12] is Status.ELIMINATED


def test_a_winner_who_missed_races_needs_a_waiver_the_results_do_not_hold():
    regular = {n: race(n, absent=(17,)) for n in range(1, 4)}
    regular[10] = race(10, 17)
    final = {36: race(36, 17)}
    races = season(regular | final | {27: race(27, 17), 30: race(30, 17), 33: race(33, 17)}, 36)
    outcome = compute("cup", 2015, races, names=NAMES)
    assert outcome.champion is None
    assert "Driver 17 missed 3 of the 26 races before the playoffs" in outcome.unknown
    waived = compute("cup", 2015, races, Facts(waivers=frozenset({17})), names=NAMES)
    assert waived.champion == 17 and waived.unknown == ""


# --- 2017 on: playoff points ------------------------------------------------------------------


def test_playoff_points_win_stage_wins_and_the_regular_season_top_10_carry_into_each_reset():
    regular = {1: race(1, 5, stages={5: (1, 1)}), 2: race(2, 5, stages={6: (1, 4)})}
    outcome = compute("cup", 2018, season(regular, 36), names=NAMES)
    after = rows(outcome, 26)
    assert after[5].playoff_points == 2 * 5 + 2 + 7  # 2 wins, 2 stage wins, 4th in the regular season
    assert after[6].playoff_points == 1 + 5  # a stage win, 6th
    # regular season: driver 1 won races 3-26 (24 wins) and is 1st: 24 * 5 + 15
    assert after[1].playoff_points == 24 * 5 + 15
    assert rows(outcome, 27)[1].points == 2000 + 24 * 5 + 15 + 40
    # a win inside the round counts from the next reset
    assert rows(outcome, 30)[1].points == 3000 + (24 + 3) * 5 + 15 + 40


def test_a_third_stage_the_results_do_not_name_is_read_from_the_points():
    # 2018's Coca-Cola 600: stages 1 and 2 named, driver 9 has 10 points more: he won stage 3
    regular = {13: race(13, stages={2: (1, 1)}, extra={9: 10})}
    outcome = compute("cup", 2018, season(regular, 36), names=NAMES)
    assert rows(outcome, 13)[9].playoff_points == 1


def test_unnamed_stage_winners_leave_a_close_cut_and_its_champion_unknown():
    # 2025: no stage positions at all. Driver 5's 10 points more in race 3 may be a stage win.
    races = season({3: race(3, extra={5: 10}), 36: race(36, 5)}, 36)
    plain = compute("cup", 2025, races, names=NAMES)
    assert plain.champion == 1  # driver 5 is well out of the final four: no stage win could change that
    # the same with 9 points more (no room for a stage win) gives the gap the results show
    shown = compute("cup", 2025, season({3: race(3, extra={5: 9}), 36: race(36, 5)}, 36))
    gap = rows(shown, 35)[4].points - rows(shown, 35)[5].points
    # a penalty brings driver 4 level with 5 at the last cut; 4 had the better finish in the round
    level = Facts(adjustments=(Adjustment(4, 35, points=-gap),))
    outcome = compute("cup", 2025, races, level, names=NAMES)
    assert statuses(outcome, 35)[4] is Status.FINAL and statuses(outcome, 35)[5] is Status.ELIMINATED
    assert outcome.champion is None  # 5 won the finale, and one stage win would have made him a finalist
    assert "the results do not name the stage winners of 35 races" in outcome.unknown
    assert rows(outcome, 27)[5].points is None and rows(outcome, 27)[5].position is None


# --- Xfinity and Truck ------------------------------------------------------------------------


def test_a_cup_regular_earns_no_points_and_his_win_does_not_count():
    # Driver 20 (a Cup regular: zero points ahead of scoring drivers) wins 10 Xfinity races
    regular = {n: race(n, 20, ineligible=(20,)) for n in range(1, 11)}
    regular |= {n: race(n, absent=(20,)) for n in range(11, 34)}
    outcome = compute("xfinity", 2019, season(regular, 33), names=NAMES)
    assert 20 not in rows(outcome, 26)
    assert {d for d, s in statuses(outcome, 26).items() if s is Status.IN} == set(range(1, 13))
    assert rows(outcome, 26)[2].wins == 0  # 2nd behind the Cup driver: not a win either


def test_truck_fields_are_8_then_10_from_2020():
    for year, size in ((2018, 8), (2020, 10)):
        outcome = compute("truck", year, season({}, 23), names=NAMES)
        assert sum(1 for r in outcome.after[16] if r.status is Status.IN) == size


# --- editors' facts and unfinished seasons ----------------------------------------------------


def test_an_editors_champion_is_official_and_a_disagreement_is_listed():
    races = season({}, 36)
    outcome = compute("cup", 2016, races, Facts(champion=3), names=NAMES)
    assert outcome.champion == 3 and outcome.official
    assert outcome.disagreements == ("The results make Driver 1 champion; the editor's champion is Driver 3.",)
    assert outcome.after[36][0].driver == 3


def test_an_editors_final_four_is_used_and_checked():
    races = season({36: race(36, 9)}, 36)
    outcome = compute("cup", 2016, races, Facts(final_four=frozenset({1, 2, 3, 9})), names=NAMES)
    assert outcome.champion == 9
    assert outcome.disagreements == (
        "The editor's final four differs from the results': the editor adds Driver 9; the results also have Driver 4.",
    )


def test_a_penalty_in_the_playoffs_can_cost_a_place_in_the_next_round():
    penalty = Adjustment(12, 28, points=-10, reason="Unapproved parts")
    outcome = compute("cup", 2016, season({}, 36), Facts(adjustments=(penalty,)), names=NAMES)
    assert statuses(outcome, 29)[12] is Status.ELIMINATED and statuses(outcome, 29)[13] is Status.ADVANCED


def test_a_withdrawn_driver_makes_way_in_the_field():
    outcome = compute("cup", 2016, season({}, 36), Facts(withdrawn=frozenset({1})), names=NAMES)
    field = {d for d, s in statuses(outcome, 26).items() if s is Status.IN}
    assert 1 not in field and 17 in field


def test_a_season_still_running_names_no_champion():
    races = season({}, 30)
    outcome = compute("cup", 2016, races, names=NAMES)
    assert outcome.champion is None and outcome.unknown == "The results hold 30 of this format's 36 races."
    running = compute("cup", 2016, season({}, 36), finished=False)
    assert running.champion is None and running.unknown == "The season is not over."
    assert compute("cup", 1990, season({}, 10), finished=False).champion is None


def test_an_end_of_season_penalty_can_cost_a_chase_title():
    races = season({}, 36)
    assert compute("cup", 2009, races).champion == 1
    penalty = Adjustment(1, None, points=-1000, reason="Stripped of points")
    outcome = compute("cup", 2009, races, Facts(adjustments=(penalty,)), names=NAMES)
    assert outcome.champion == 2 and outcome.after[36][0].driver == 2


def test_a_season_with_more_races_than_its_format_shows_points_and_no_champion():
    outcome = compute("cup", 2016, season({}, 37), names=NAMES)
    assert outcome.champion is None and "The results hold 37 races; this format has 36" in outcome.unknown
    assert list(outcome.after) == list(range(1, 38)) and outcome.after[37][0].driver == 1


# --- statuses the results do not settle ---------------------------------------------------------


def open_statuses(outcome, round_number):
    return {r.driver: r.status for r in outcome.after[round_number] if not r.status_sure}


def test_a_field_that_hangs_on_a_waiver_shows_its_statuses_as_open_until_an_editor_enters_it():
    regular = {n: race(n, absent=(17,)) for n in range(1, 4)}
    regular[10] = race(10, 17)
    races = season(regular | {27: race(27, 17), 30: race(30, 17), 33: race(33, 17), 36: race(36, 17)}, 36)
    outcome = compute("cup", 2015, races, names=NAMES)
    # 17 is shown in on his win, and the 16th on points is shown out: the waiver decides which
    assert open_statuses(outcome, 26) == {17: Status.IN, 16: Status.NONE}
    assert open_statuses(outcome, 35)[17] is Status.FINAL
    assert statuses(outcome, 26)[1] is Status.IN and 1 not in open_statuses(outcome, 26)  # the leader is surely in
    waived = compute("cup", 2015, races, Facts(waivers=frozenset({17})), names=NAMES)
    assert all(not open_statuses(waived, n) for n in waived.after)


def test_a_cut_the_hidden_stage_wins_leave_open_marks_both_sides_of_it():
    races = season({3: race(3, extra={5: 10}), 36: race(36, 5)}, 36)
    shown = compute("cup", 2025, season({3: race(3, extra={5: 9}), 36: race(36, 5)}, 36))
    gap = rows(shown, 35)[4].points - rows(shown, 35)[5].points
    outcome = compute("cup", 2025, races, Facts(adjustments=(Adjustment(4, 35, points=-gap),)), names=NAMES)
    assert open_statuses(outcome, 35) == {4: Status.FINAL, 5: Status.ELIMINATED}
    assert open_statuses(outcome, 36)[5] is Status.ELIMINATED  # still open at the end
    plain = compute("cup", 2025, races, names=NAMES)  # driver 5 well out: every status is certain
    assert all(not open_statuses(plain, n) for n in plain.after)
