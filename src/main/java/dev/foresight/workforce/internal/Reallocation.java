package dev.foresight.workforce.internal;

import dev.foresight.shared.InvalidRequestException;
import dev.foresight.workforce.Allocation;
import dev.foresight.workforce.RosterShift;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Applies managers' allocations, in the order they were saved, to a roster's shifts. */
public final class Reallocation {

    private Reallocation() {}

    /**
     * Checks an allocation against the shifts it will apply to and resolves a "move N agents from queue X" into the
     * agents it moves, so that what is saved reads the same tomorrow.
     */
    public static Allocation resolve(Allocation a, List<RosterShift> shifts, Collection<String> knownQueues) {
        var agents = new TreeSet<String>();
        shifts.forEach(s -> agents.add(s.agent()));
        List<String> named = a.agents() == null
                ? List.of()
                : a.agents().stream().map(String::strip).toList();
        boolean move = a.fromQueue() != null || a.toQueue() != null || a.count() != null;
        if (move && !named.isEmpty()) {
            throw new InvalidRequestException(
                    "Name agents, or move a count of agents from one queue to another; not both.");
        }
        if (move) {
            if (a.fromQueue() == null || a.toQueue() == null || a.count() == null) {
                throw new InvalidRequestException("A move needs fromQueue, toQueue and count.");
            }
            if (a.fromQueue().equals(a.toQueue())) {
                throw new InvalidRequestException("fromQueue and toQueue are the same queue.");
            }
            requireKnown(List.of(a.fromQueue(), a.toQueue()), knownQueues);
            if (a.count() < 1) {
                throw new InvalidRequestException("count must be 1 or more.");
            }
            var serving = new TreeSet<String>();
            for (var s : shifts) {
                if (s.queues().containsKey(a.fromQueue()) && !s.queues().containsKey(a.toQueue())) {
                    serving.add(s.agent());
                }
            }
            if (serving.size() < a.count()) {
                throw new InvalidRequestException("Only " + serving.size() + " agents serve " + a.fromQueue()
                        + " and not " + a.toQueue() + "; cannot move " + a.count() + ".");
            }
            var chosen = serving.stream().limit(a.count()).toList();
            var changed = a.queues() != null ? a.queues() : Map.of(a.toQueue(), 1.0);
            return new Allocation(
                    null,
                    chosen,
                    a.fromQueue(),
                    a.toQueue(),
                    a.count(),
                    changed,
                    a.shiftStart(),
                    a.shiftEnd(),
                    a.days(),
                    note(a.note()),
                    null,
                    null);
        }
        if (named.isEmpty()) {
            throw new InvalidRequestException("Name the agents to change, or give fromQueue, toQueue and count.");
        }
        var unknown = named.stream().filter(n -> !agents.contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException("The roster has no agent(s) " + unknown + ".");
        }
        if (a.queues() == null && a.shiftStart() == null && a.shiftEnd() == null && a.days() == null) {
            throw new InvalidRequestException("Say what changes: queues, shiftStart and shiftEnd, or days.");
        }
        if ((a.shiftStart() == null) != (a.shiftEnd() == null)) {
            throw new InvalidRequestException("A moved shift needs both shiftStart and shiftEnd.");
        }
        Map<String, Double> queues = null;
        if (a.queues() != null) {
            if (a.queues().isEmpty()) {
                throw new InvalidRequestException("queues is empty; give at least one queue.");
            }
            requireKnown(a.queues().keySet(), knownQueues);
            var text = new StringBuilder();
            a.queues()
                    .forEach((q, share) ->
                            text.append(q).append(':').append(share).append(';'));
            queues = parse(() -> RosterParser.queues(text.toString()));
        }
        try {
            if (a.shiftStart() != null) {
                RosterParser.time(a.shiftStart(), "shiftStart");
                RosterParser.time(a.shiftEnd(), "shiftEnd");
            }
            if (a.days() != null) {
                RosterParser.days(String.join(";", a.days()));
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        return new Allocation(
                null,
                List.copyOf(new LinkedHashSet<>(named)),
                null,
                null,
                null,
                queues,
                a.shiftStart(),
                a.shiftEnd(),
                a.days(),
                note(a.note()),
                null,
                null);
    }

    private static String note(String note) {
        if (note != null && note.length() > 500) {
            throw new InvalidRequestException("A note has at most 500 characters.");
        }
        return note == null || note.isBlank() ? null : note.strip();
    }

    private static void requireKnown(Collection<String> queues, Collection<String> known) {
        var unknown = queues.stream().filter(q -> !known.contains(q)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException("Unknown queue(s) " + unknown + "; the plan's queues are " + known + ".");
        }
    }

    private static <T> T parse(java.util.function.Supplier<T> parsing) {
        try {
            return parsing.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
    }

    /** The shifts after these allocations; refused when a moved shift overlaps another of the same agent. */
    public static List<RosterShift> apply(List<RosterShift> shifts, List<Allocation> allocations) {
        List<RosterShift> current = new ArrayList<>(shifts);
        for (var allocation : allocations) {
            Set<String> agents = allocation.agents() == null ? Set.of() : Set.copyOf(allocation.agents());
            var start =
                    allocation.shiftStart() == null ? null : RosterParser.time(allocation.shiftStart(), "shiftStart");
            var end = allocation.shiftEnd() == null ? null : RosterParser.time(allocation.shiftEnd(), "shiftEnd");
            var days = allocation.days() == null ? null : RosterParser.days(String.join(";", allocation.days()));
            current.replaceAll(shift -> !agents.contains(shift.agent())
                    ? shift
                    : new RosterShift(
                            shift.agent(),
                            shift.site(),
                            allocation.queues() == null ? shift.queues() : new TreeMap<>(allocation.queues()),
                            start == null ? shift.start() : start,
                            end == null ? shift.end() : end,
                            days == null ? shift.days() : days,
                            shift.line()));
        }
        RosterParser.checkOverlaps(current);
        return current;
    }
}
