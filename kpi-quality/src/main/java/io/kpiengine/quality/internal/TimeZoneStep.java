package io.kpiengine.quality.internal;

import io.kpiengine.data.ColumnType;
import io.kpiengine.quality.TimeZoneRule;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a text column of date-times into a TIMESTAMP column; see {@link TimeZoneRule} for the accepted forms and
 * the daylight-saving policies.
 */
final class TimeZoneStep implements Step {

    private final int rule;
    private final int column;
    private final int zoneColumn;
    private final TimeZoneRule spec;
    private final DateTimeFormatter pattern;

    TimeZoneStep(int rule, int column, int zoneColumn, TimeZoneRule spec) {
        this.rule = rule;
        this.column = column;
        this.zoneColumn = zoneColumn;
        this.spec = spec;
        this.pattern = spec.pattern() == null ? null : DateTimeFormatter.ofPattern(spec.pattern());
    }

    /** The result of resolving one value. */
    private static final class Result {
        long micros;
        String problem;
        int dst;
    }

    @Override
    public void apply(Work w) {
        Col in = w.cols[column].load();
        Col zones = zoneColumn < 0 ? null : w.cols[zoneColumn].load();
        Col out = Col.empty(ColumnType.TIMESTAMP, -1, w.size, null);
        Timestamps.Parsed p = new Timestamps.Parsed();
        Result res = new Result();
        Map<String, ZoneId> zoneCache = w.local(this, HashMap::new);
        long gaps = 0;
        long overlaps = 0;
        String name = w.plan.output.column(column).name();
        for (int r = 0; r < w.size; r++) {
            if (in.isNull(r)) {
                out.setNull(r);
                continue;
            }
            out.clearNull(r);
            if (w.isRemoved(r)) {
                continue;
            }
            String text = in.string(r);
            ZoneId rowZone = spec.sourceZone();
            if (zones != null && !zones.isNull(r)) {
                String z = zones.string(r).strip();
                rowZone = zoneCache.computeIfAbsent(z, TimeZoneStep::zoneOrNull);
                if (rowZone == null) {
                    w.quarantine(r, rule, "column '" + w.plan.output.column(zoneColumn).name() + "': '" + z
                            + "' is not a zone id or offset");
                    continue;
                }
            }
            resolve(text.strip(), rowZone, p, res);
            if (res.problem != null) {
                w.quarantine(r, rule, "column '" + name + "': '" + text + "' " + res.problem);
                continue;
            }
            out.longs[r] = res.micros;
            if (res.dst != 0) {
                if (res.dst > 0) {
                    gaps++;
                } else {
                    overlaps++;
                }
                if (w.countChange(r, rule)) {
                    w.change(r, rule, column, text, Fmt.instant(res.micros));
                }
            }
        }
        w.cols[column] = out;
        w.account.detail(rule, "dstGaps", gaps);
        w.account.detail(rule, "dstOverlaps", overlaps);
    }

    private static ZoneId zoneOrNull(String z) {
        try {
            return ZoneId.of(z);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private void resolve(String s, ZoneId zone, Timestamps.Parsed p, Result res) {
        res.problem = null;
        res.dst = 0;
        LocalDateTime local;
        if (pattern != null) {
            try {
                local = LocalDateTime.parse(s, pattern);
            } catch (DateTimeParseException e) {
                try {
                    local = LocalDate.parse(s, pattern).atTime(LocalTime.MIDNIGHT);
                } catch (DateTimeParseException e2) {
                    res.problem = "does not match the pattern '" + spec.pattern() + "'";
                    return;
                }
            }
        } else {
            if (!Timestamps.parse(s, p)) {
                String impossible = io.kpiengine.data.io.internal.Civil.noSuchDateTime(s);
                res.problem = impossible != null ? impossible.strip() : "is not an ISO-8601 date-time"
                        + " (yyyy-MM-ddTHH:mm[:ss[.f]] with optional offset or [zone])";
                return;
            }
            long seconds = p.localSeconds;
            if (p.hasOffset) {
                res.micros = (seconds - p.offsetSeconds) * 1_000_000L + p.micros;
                return;
            }
            if (p.zone != null) {
                zone = zoneOrNull(p.zone);
                if (zone == null) {
                    res.problem = "names an unknown zone '" + p.zone + "'";
                    return;
                }
            }
            if (zone == null) {
                res.problem = "is a local time without a zone (declare a source zone or a zone column)";
                return;
            }
            ZoneRules rules = zone.getRules();
            if (rules.isFixedOffset()) {
                res.micros = (seconds - rules.getOffset(Instant.EPOCH).getTotalSeconds()) * 1_000_000L + p.micros;
                return;
            }
            local = LocalDateTime.ofEpochSecond(seconds, p.micros * 1000, ZoneOffset.UTC);
        }
        if (zone == null) {
            res.problem = "is a local time without a zone (declare a source zone or a zone column)";
            return;
        }
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        ZoneOffset offset;
        if (offsets.size() == 1) {
            offset = offsets.get(0);
        } else if (offsets.isEmpty()) {
            ZoneOffsetTransition t = rules.getTransition(local);
            res.dst = 1;
            switch (spec.gap()) {
                case QUARANTINE:
                    res.problem = "does not exist in " + zone + " (daylight-saving gap " + t.getDateTimeBefore()
                            + " to " + t.getDateTimeAfter() + ")";
                    return;
                case NEXT_VALID:
                    res.micros = t.getInstant().getEpochSecond() * 1_000_000L;
                    return;
                default:
                    local = local.plus(t.getDuration());
                    offset = t.getOffsetAfter();
                    break;
            }
        } else {
            ZoneOffsetTransition t = rules.getTransition(local);
            res.dst = -1;
            switch (spec.overlap()) {
                case QUARANTINE:
                    res.problem = "is ambiguous in " + zone + " (daylight-saving overlap " + t.getDateTimeAfter()
                            + " to " + t.getDateTimeBefore() + ")";
                    return;
                case LATER:
                    offset = t.getOffsetAfter();
                    break;
                default:
                    offset = t.getOffsetBefore();
                    break;
            }
        }
        res.micros = local.toEpochSecond(offset) * 1_000_000L + local.get(ChronoField.NANO_OF_SECOND) / 1000;
    }
}
