package dev.foresight.workforce;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * One roster line: an agent's shift on some days of the week. A shift whose end is not after its start runs
 * overnight into the next day.
 *
 * @param queues the queues the agent serves and the share of the shift each gets (the shares sum to 1)
 * @param line the line of the uploaded file it came from (1 is the header)
 */
public record RosterShift(
        String agent,
        String site,
        Map<String, Double> queues,
        LocalTime start,
        LocalTime end,
        List<DayOfWeek> days,
        int line)
        implements Serializable {

    /** Minutes the shift lasts, overnight ones included. */
    public int minutes() {
        int from = start.getHour() * 60 + start.getMinute();
        int to = end.getHour() * 60 + end.getMinute();
        return to > from ? to - from : to + 1440 - from;
    }
}
