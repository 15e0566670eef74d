"""What a report's prose claims (the pole winner, stage winners, who led how many laps, the laps run),
checked against its table before the race is written: a claim the table contradicts is a warning, a
claim only the prose makes fills the table's gap (noted). A claim told in a sentence naming another
season (an article's background) is not this race's; "X led 42 laps" without "of the N laps" may be
a stint: neither fills a row."""

from results.names import name_key


def row_for(name, rows):
    """The row a prose name refers to: the full name, or a surname that only one driver has."""
    key = name_key(name)
    matches = [r for r in rows if name_key(r.driver) == key] or [
        r for r in rows if name_key(r.driver).split()[-1:] == key.split()[-1:] and len(key.split()) == 1
    ]
    return matches[0] if len(matches) == 1 else None


def _elsewhere(facts, claim, what, outcome) -> bool:
    """True (with a warning) when the claim's sentence names a season other than the race's."""
    seasons = sorted(facts.told_of.get(claim, set()) - {facts.year})
    if seasons:
        told = ", ".join(str(s) for s in seasons)
        outcome.warnings.append(f"the prose says {what} in a sentence about {told}: not used")
    return bool(seasons)


def check(report, facts, outcome):
    """Check what the prose says against the table; fill what only the prose says."""
    rows = report.rows
    if facts.pole and not _elsewhere(facts, "pole", f"{facts.pole} won the pole", outcome):
        row = row_for(facts.pole, rows)
        pole = next((r for r in rows if r.start == 1), None)
        if row is None or (pole is not None and pole is not row):
            outcome.warnings.append(
                f"the prose names {facts.pole} pole winner; the table starts {pole.driver if pole else 'nobody'} first"
            )
        if row is not None and "pole" not in report.has_columns:
            for other in rows:  # the report's word: the one pole winner of the race
                other.pole = other is row
            report.has_columns.add("pole")  # written for every row, so no stored pole stays beside it
            outcome.notes.append(f"pole winner from the prose: {row.driver}")
    for stage, name in sorted(facts.stage_winners.items()):
        if _elsewhere(facts, f"stage{stage}", f"{name} won stage {stage}", outcome):
            continue
        row, column = row_for(name, rows), f"stage{stage}"
        if row is None or stage > 2:
            outcome.warnings.append(f"the prose names {name} stage {stage} winner, who is not in the table")
        elif column in report.has_columns:
            if getattr(row, column) != 1:
                outcome.warnings.append(f"the prose names {name} stage {stage} winner; the table says otherwise")
        else:
            setattr(row, column, 1)
            outcome.notes.append(f"stage {stage} winner from the prose: {row.driver}")
    _check_led(report, facts, outcome)


def _check_led(report, facts, outcome):
    """The first laps-led claim of this race: checked against the table, or filling its gap when it
    is said of the race's laps ("all but eleven of the sixty-seven laps")."""
    claim = None
    for name, laps_led, total, seasons in facts.led_claims:
        if not seasons - {facts.year}:
            claim = (name, laps_led, total)
            break
        told = ", ".join(str(s) for s in sorted(seasons - {facts.year}))
        outcome.warnings.append(f"the prose says {name} led {laps_led} laps in a sentence about {told}: not used")
    if claim is None:
        return
    name, laps_led, total = claim
    rows = report.rows
    winner = next((r for r in rows if r.finish == 1), None)
    if total and winner and winner.laps is not None and winner.laps != total:
        outcome.warnings.append(f"the prose says {total} laps; the winner completed {winner.laps}")
        return
    row = row_for(name, rows)
    if row is None:
        outcome.warnings.append(f"the prose says {name} led {laps_led} laps; no such driver in the table")
    elif "led" in report.has_columns:
        if row.led != laps_led:
            outcome.warnings.append(f"the prose says {row.driver} led {laps_led} laps; the table says {row.led}")
    elif row.laps is not None and laps_led > row.laps:
        outcome.warnings.append(f"the prose says {row.driver} led {laps_led} laps, more than the {row.laps} run")
    elif total is None:
        outcome.warnings.append(
            f"the prose says {name} led {laps_led} laps, not of how many (a stint or the race): laps led not filled"
        )
    else:
        row.led = laps_led
        outcome.notes.append(f"laps led from the prose: {row.driver} {laps_led}")
