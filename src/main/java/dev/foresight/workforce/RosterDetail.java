package dev.foresight.workforce;

import java.util.List;

/** A roster with its shifts and the agents it makes available per interval of a week. */
public record RosterDetail(Roster roster, List<RosterShift> shifts, List<WeeklyAvailability> availability) {}
