package io.kpiengine.core.time;

import io.kpiengine.core.time.internal.ZoneTable;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Formats periods as canonical text and parses the text back. */
final class PeriodText {

    private static final String YEAR = "([+-]?\\d{4,9})";
    private static final Pattern HOUR = Pattern.compile(YEAR + "-(\\d{2})-(\\d{2})T(\\d{2})(Z|[+-]\\d{2}:\\d{2})?");
    private static final Pattern DAY = Pattern.compile(YEAR + "-(\\d{2})-(\\d{2})");
    private static final Pattern WEEK = Pattern.compile(YEAR + "-W(\\d{2})");
    private static final Pattern MONTH = Pattern.compile(YEAR + "-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile(YEAR + "-Q([1-4])");
    private static final Pattern YEAR_ONLY = Pattern.compile(YEAR);
    private static final Pattern FISCAL_QUARTER = Pattern.compile("FY" + YEAR + "-Q([1-4])");
    private static final Pattern FISCAL_YEAR = Pattern.compile("FY" + YEAR);
    private static final Pattern RANGE = Pattern.compile("([^/]+)/([^/]+)");
    private static final long MAX_OFFSET_HOURS = 19;

    private PeriodText() {
    }

    static String format(Period p) {
        BusinessCalendar cal = p.calendar();
        long index = p.index();
        switch (p.grain()) {
            case HOUR: {
                LocalDateTime label = hourLabel(cal, index);
                String text = day(label.toLocalDate()) + "T" + two(label.getHour());
                if (hourLabel(cal, index - 1).equals(label) || hourLabel(cal, index + 1).equals(label)) {
                    long start = cal.table().hourStart(index);
                    text += ZoneOffset.ofTotalSeconds(cal.table().offsetSeconds(start)).getId();
                }
                return text;
            }
            case DAY:
                return day(LocalDate.ofEpochDay(index));
            case WEEK: {
                LocalDate thursday = LocalDate.ofEpochDay(cal.firstDay(Grain.WEEK, index) + 3);
                return year(thursday.getYear()) + "-W" + two(thursday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            }
            case MONTH:
                return year(Math.floorDiv(index, 12)) + "-" + two(Math.floorMod(index, 12) + 1);
            case QUARTER:
                return year(Math.floorDiv(index, 4)) + "-Q" + (Math.floorMod(index, 4) + 1);
            case YEAR:
                return year(index);
            case FISCAL_QUARTER:
                return "FY" + year(cal.fiscalLabelYear(Math.floorDiv(index, 4))) + "-Q" + (Math.floorMod(index, 4) + 1);
            case FISCAL_YEAR:
                return "FY" + year(cal.fiscalLabelYear(index));
            case WHOLE_RANGE:
                return day(p.firstDate()) + "/" + day(p.lastDate());
            default:
                throw new AssertionError(p.grain());
        }
    }

    private static LocalDateTime hourLabel(BusinessCalendar cal, long index) {
        ZoneTable table = cal.table();
        long start = table.hourStart(index);
        return LocalDateTime.ofEpochSecond(start, 0, ZoneOffset.ofTotalSeconds(table.offsetSeconds(start)))
                .truncatedTo(ChronoUnit.HOURS);
    }

    private static String day(LocalDate date) {
        return year(date.getYear()) + "-" + two(date.getMonthValue()) + "-" + two(date.getDayOfMonth());
    }

    private static String year(long year) {
        if (year > 9999) {
            return "+" + year;
        }
        if (year < 0) {
            return "-" + (year > -10000 ? four(-year) : Long.toString(-year));
        }
        return four(year);
    }

    /** 0..9999 with leading zeros to four digits (String.format costs a hundred times more per period written). */
    private static String four(long v) {
        String s = Long.toString(v);
        return s.length() >= 4 ? s : "0000".substring(s.length()) + s;
    }

    private static String two(long v) {
        return v < 10 ? "0" + v : Long.toString(v);
    }

    static Period parse(BusinessCalendar cal, String text) {
        Matcher m;
        if ((m = RANGE.matcher(text)).matches()) {
            Matcher a = DAY.matcher(m.group(1));
            Matcher b = DAY.matcher(m.group(2));
            if (a.matches() && b.matches()) {
                LocalDate first = date(text, a);
                LocalDate last = date(text, b);
                if (last.isBefore(first)) {
                    throw new PeriodParseException(text, "the last date of a range must not be before its first");
                }
                return cal.range(first, last);
            }
        }
        if ((m = HOUR.matcher(text)).matches()) {
            LocalDateTime local = date(text, m).atTime(number(text, m.group(4), "hour", 0, 23), 0);
            ZoneOffset offset = m.group(5) == null ? null : offset(text, m.group(5));
            return hourAt(cal, local, offset).orElseThrow(() -> noSuchHour(cal, text, local, offset));
        }
        if ((m = DAY.matcher(text)).matches()) {
            return cal.period(Grain.DAY, date(text, m));
        }
        if ((m = WEEK.matcher(text)).matches()) {
            LocalDate jan4 = LocalDate.of(Integer.parseInt(m.group(1)), 1, 4);
            int weeks = (int) jan4.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
            int week = number(text, m.group(2), "week for week-based year " + m.group(1), 1, weeks);
            return cal.period(Grain.WEEK, jan4.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week));
        }
        if ((m = MONTH.matcher(text)).matches()) {
            long month = number(text, m.group(2), "month", 1, 12);
            return cal.period(Grain.MONTH, Integer.parseInt(m.group(1)) * 12L + month - 1);
        }
        if ((m = QUARTER.matcher(text)).matches()) {
            return cal.period(Grain.QUARTER, Integer.parseInt(m.group(1)) * 4L + Integer.parseInt(m.group(2)) - 1);
        }
        if ((m = YEAR_ONLY.matcher(text)).matches()) {
            return cal.period(Grain.YEAR, Integer.parseInt(m.group(1)));
        }
        if ((m = FISCAL_QUARTER.matcher(text)).matches()) {
            long start = cal.fiscalStartYear(Integer.parseInt(m.group(1)));
            return cal.period(Grain.FISCAL_QUARTER, start * 4 + Integer.parseInt(m.group(2)) - 1);
        }
        if ((m = FISCAL_YEAR.matcher(text)).matches()) {
            return cal.period(Grain.FISCAL_YEAR, cal.fiscalStartYear(Integer.parseInt(m.group(1))));
        }
        throw new PeriodParseException(text, "expected one of the forms 2025-03-14T09, 2025-03-14, 2025-W09, "
                + "2025-03, 2025-Q1, 2025, FY2025-Q2, FY2025, 2025-01-01/2025-12-31");
    }

    /**
     * The hour period labelled with a local hour (and offset, when given); the earlier one when the hour occurs
     * twice and no offset is given; empty when no hour period carries that label.
     */
    static Optional<Period> hourAt(BusinessCalendar cal, LocalDateTime local, @Nullable ZoneOffset offset) {
        List<Long> matches = hourCandidates(cal, local);
        for (long index : matches) {
            long start = cal.table().hourStart(index);
            if (offset == null || cal.table().offsetSeconds(start) == offset.getTotalSeconds()) {
                return Optional.of(cal.period(Grain.HOUR, index));
            }
        }
        return Optional.empty();
    }

    private static List<Long> hourCandidates(BusinessCalendar cal, LocalDateTime local) {
        long localSecond = local.toEpochSecond(ZoneOffset.UTC);
        ZoneTable table = cal.table();
        long from = table.hourIndex(localSecond - MAX_OFFSET_HOURS * 3600);
        long to = table.hourIndex(localSecond + MAX_OFFSET_HOURS * 3600);
        List<Long> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            if (hourLabel(cal, i).equals(local)) {
                out.add(i);
            }
        }
        return out;
    }

    private static PeriodParseException noSuchHour(BusinessCalendar cal, String text, LocalDateTime local,
            @Nullable ZoneOffset offset) {
        List<String> offsets = new ArrayList<>();
        for (long index : hourCandidates(cal, local)) {
            offsets.add(ZoneOffset.ofTotalSeconds(cal.table().offsetSeconds(cal.table().hourStart(index))).getId());
        }
        String hour = text.substring(0, text.indexOf('T') + 3);
        if (offsets.isEmpty()) {
            return new PeriodParseException(text, hour + " does not exist in " + cal.zone()
                    + " (clocks skip that hour)");
        }
        return new PeriodParseException(text, hour + " has no period with offset " + offset + " in "
                + cal.zone() + "; it has " + String.join(" and ", offsets));
    }

    private static LocalDate date(String text, Matcher m) {
        int year = Integer.parseInt(m.group(1));
        int month = number(text, m.group(2), "month", 1, 12);
        int length = YearMonth.of(year, month).lengthOfMonth();
        int day = number(text, m.group(3), "day for " + m.group(1) + "-" + m.group(2), 1, length);
        return LocalDate.of(year, month, day);
    }

    private static int number(String text, String digits, String what, int min, int max) {
        int v = Integer.parseInt(digits);
        if (v < min || v > max) {
            throw new PeriodParseException(text, what + " must be " + two(min) + ".." + two(max) + ", but was "
                    + digits);
        }
        return v;
    }

    private static ZoneOffset offset(String text, String id) {
        try {
            return ZoneOffset.of(id);
        } catch (DateTimeException e) {
            throw new PeriodParseException(text, "offset must be between -18:00 and +18:00, but was " + id);
        }
    }
}
