"""What a report's prose claims (the pole winner, stage winners, who led how many laps, the laps run),
checked against its table before the race is written: a claim the table contradicts is a warning, a
claim only the prose makes fills the table's gap (noted)."""

from results.names import name_key


def row_for(name, rows):
    """The row a prose name refers to: the full name, or a surname that only one driver has."""
    key = name_key(name)
    matches = [r for r in rows if name_key(r.driver) == key] or [
        r for r in rows if name_key(r.driver).split()[-1:] == key.split()[-1:] and len(key.split()) == 1
    ]
    return matches[0] if len(matches) == 1 else None


def check(report, facts, outcome):
    """Check what the prose says against the table; fill what only the prose says."""
    rows = report.rows
    if facts.pole:
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
        row, column = row_for(name, rows), f"stage{stage}"
        if row is None or stage > 2:
            outcome.warnings.append(f"the prose names {name} stage {stage} winner, who is not in the table")
        elif column in report.has_columns:
            if getattr(row, column) != 1:
                outcome.warnings.append(f"the prose names {name} stage {stage} winner; the table says otherwise")
        else:
            setattr(row, column, 1)
            outcome.notes.append(f"stage {stage} winner from the prose: {row.driver}")
    if facts.led_claim:
        name, laps_led = facts.led_claim
        row = row_for(name, rows)
        if row is None:
            outcome.warnings.append(f"the prose says {name} led {laps_led} laps; no such driver in the table")
        elif "led" in report.has_columns:
            if row.led != laps_led:
                outcome.warnings.append(f"the prose says {row.driver} led {laps_led} laps; the table says {row.led}")
        elif row.laps is not None and laps_led > row.laps:
            outcome.warnings.append(f"the prose says {row.driver} led {laps_led} laps, more than the {row.laps} run")
        else:
            row.led = laps_led
            outcome.notes.append(f"laps led from the prose: {row.driver} {laps_led}")
    if facts.total_laps:
        winner = next((r for r in rows if r.finish == 1), None)
        if winner and winner.laps is not None and winner.laps != facts.total_laps:
            outcome.warnings.append(f"the prose says {facts.total_laps} laps; the winner completed {winner.laps}")
