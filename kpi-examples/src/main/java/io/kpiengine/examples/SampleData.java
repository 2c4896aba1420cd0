package io.kpiengine.examples;

import io.kpiengine.data.Column;
import io.kpiengine.data.ColumnType;
import io.kpiengine.data.Schema;
import io.kpiengine.data.io.MemorySource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Seeded generators of the business records the examples compute KPIs from: marketing campaigns, sales deals,
 * shop orders, support tickets and stock snapshots. The same seed always gives the same records (the generators
 * use {@link java.util.Random}, whose sequence is specified), so every example prints the same numbers on every
 * machine, and its test can compute the expected KPIs from the same records with plain Java.
 *
 * <pre>{@code
 * List<SampleData.CampaignDay> days = SampleData.campaignDays(1, LocalDate.of(2025, 3, 3), 14);
 * MemorySource source = SampleData.source("campaigns", SampleData.CampaignDay.SCHEMA, days,
 *         SampleData.CampaignDay::values);
 * }</pre>
 *
 * <p>The values are plausible, not realistic: enough structure (weekday effects, growth, a slow channel) that the
 * KPIs tell a story, and small enough to print.
 */
public final class SampleData {

    private SampleData() {
    }

    // ---- marketing ------------------------------------------------------------------------------------------

    /** The marketing channels of {@link #campaignDays}, with the campaigns run on each. */
    public static final List<String[]> CAMPAIGNS = List.of(
            new String[] {"organic", "seo"},
            new String[] {"paid_search", "brand"},
            new String[] {"paid_search", "spring_sale"},
            new String[] {"social", "spring_sale"},
            new String[] {"social", "creators"},
            new String[] {"email", "newsletter"},
            new String[] {"display", "retargeting"});

    /**
     * One day of one campaign on one channel, as an ad platform or web analytics export reports it.
     *
     * @param day the calendar day
     * @param channel the marketing channel
     * @param campaign the campaign
     * @param visitors visitors who arrived through the campaign
     * @param leads visitors who left their contact details
     * @param conversions visitors who bought
     * @param cost the media cost in USD; null when the export lost it
     */
    public record CampaignDay(LocalDate day, String channel, String campaign, long visitors, long leads,
            long conversions, BigDecimal cost) {

        /** The schema of {@link #values()}. */
        public static final Schema SCHEMA = Schema.of(
                Column.of("day", ColumnType.DATE),
                Column.of("channel", ColumnType.CATEGORY),
                Column.of("campaign", ColumnType.CATEGORY),
                Column.of("visitors", ColumnType.INTEGER),
                Column.of("leads", ColumnType.INTEGER),
                Column.of("conversions", ColumnType.INTEGER),
                Column.decimal("cost", 2));

        /**
         * The record as a row of {@link #SCHEMA}.
         *
         * @return the values
         */
        public Object[] values() {
            return new Object[] {day, channel, campaign, visitors, leads, conversions, cost};
        }
    }

    /**
     * Campaign days: every campaign of {@link #CAMPAIGNS} on every day. Weekends bring fewer visitors; paid
     * channels cost money, organic costs nothing; about 2% of cost cells are missing. The display campaign
     * brings no leads in its first seven days (it only starts converting in its second week).
     *
     * @param seed the seed
     * @param first the first day
     * @param days the number of days
     * @return the records, by day then campaign
     */
    public static List<CampaignDay> campaignDays(long seed, LocalDate first, int days) {
        Random r = new Random(seed);
        double[] traffic = {2400, 1600, 1100, 1900, 900, 800, 1300};
        double[] leadRate = {0.030, 0.045, 0.060, 0.025, 0.020, 0.080, 0.004};
        double[] buyRate = {0.30, 0.35, 0.40, 0.25, 0.20, 0.45, 0.50};
        double[] costPerVisit = {0, 0.85, 1.10, 0.40, 0.55, 0.05, 0.30};
        List<CampaignDay> out = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            LocalDate day = first.plusDays(d);
            boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            for (int c = 0; c < CAMPAIGNS.size(); c++) {
                long visitors = Math.round(traffic[c] * (weekend ? 0.6 : 1.0) * (0.8 + 0.4 * r.nextDouble()));
                long leads = binomial(r, visitors, leadRate[c]);
                if (c == CAMPAIGNS.size() - 1 && d < 7) {
                    leads = 0;
                }
                long conversions = binomial(r, leads, buyRate[c]);
                BigDecimal cost = BigDecimal.valueOf(visitors * costPerVisit[c] * (0.9 + 0.2 * r.nextDouble()))
                        .setScale(2, RoundingMode.HALF_EVEN);
                if (r.nextInt(50) == 0) {
                    cost = null;
                }
                out.add(new CampaignDay(day, CAMPAIGNS.get(c)[0], CAMPAIGNS.get(c)[1], visitors, leads, conversions,
                        cost));
            }
        }
        return List.copyOf(out);
    }

    // ---- sales ----------------------------------------------------------------------------------------------

    /** The sales regions of {@link #deals}. */
    public static final List<String> REGIONS = List.of("north", "south", "west");

    /**
     * A won deal from a CRM export.
     *
     * @param dealId the deal id, {@code D00001} onwards
     * @param customerId the customer, {@code C0001} onwards; a returning customer keeps the id
     * @param newCustomer whether this is the customer's first deal
     * @param region the sales region
     * @param opened the day the opportunity was opened
     * @param closedAt when the deal was won
     * @param amount the contract value in USD
     */
    public record Deal(String dealId, String customerId, boolean newCustomer, String region, LocalDate opened,
            Instant closedAt, BigDecimal amount) {

        /** The schema of {@link #values()}. */
        public static final Schema SCHEMA = Schema.of(
                Column.of("deal_id", ColumnType.TEXT),
                Column.of("customer_id", ColumnType.TEXT),
                Column.of("new_customer", ColumnType.BOOLEAN),
                Column.of("region", ColumnType.CATEGORY),
                Column.of("opened", ColumnType.DATE),
                Column.of("closed_at", ColumnType.TIMESTAMP),
                Column.of("cycle_days", ColumnType.INTEGER),
                Column.decimal("amount", 2));

        /**
         * The sales cycle: days from opening the opportunity to the (UTC) day it was won, as the CRM exports it.
         *
         * @return the days
         */
        public long cycleDays() {
            return ChronoUnit.DAYS.between(opened, closedAt.atZone(ZoneOffset.UTC).toLocalDate());
        }

        /**
         * The record as a row of {@link #SCHEMA}.
         *
         * @return the values
         */
        public Object[] values() {
            return new Object[] {dealId, customerId, newCustomer, region, opened, closedAt, cycleDays(), amount};
        }
    }

    /**
     * Won deals, month by month: about 40 in the first month, growing by about 3% a month, with a summer dip;
     * four in ten come from new customers; bigger deals take longer to close.
     *
     * @param seed the seed
     * @param first the first month
     * @param months the number of months
     * @return the deals in order of closing
     */
    public static List<Deal> deals(long seed, YearMonth first, int months) {
        Random r = new Random(seed);
        List<Deal> out = new ArrayList<>();
        int customers = 0;
        for (int m = 0; m < months; m++) {
            YearMonth month = first.plusMonths(m);
            int summer = month.getMonthValue() == 7 || month.getMonthValue() == 8 ? 8 : 0;
            int count = (int) Math.round(40 * Math.pow(1.03, m)) - summer + r.nextInt(7) - 3;
            List<Deal> monthDeals = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                boolean isNew = customers == 0 || r.nextInt(10) < 4;
                String customer = String.format("C%04d", isNew ? ++customers : 1 + r.nextInt(customers));
                BigDecimal amount = BigDecimal.valueOf(Math.exp(7.5 + 1.1 * r.nextGaussian()))
                        .max(BigDecimal.valueOf(300)).min(BigDecimal.valueOf(60_000))
                        .setScale(2, RoundingMode.HALF_EVEN);
                Instant closed = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                        .plusSeconds((long) (r.nextDouble() * month.lengthOfMonth() * 86_400));
                int cycle = 7 + (int) (amount.doubleValue() / 600) + r.nextInt(30);
                LocalDate opened = closed.atZone(ZoneOffset.UTC).toLocalDate().minusDays(cycle);
                monthDeals.add(new Deal(null, customer, isNew, REGIONS.get(r.nextInt(REGIONS.size())), opened, closed,
                        amount));
            }
            monthDeals.sort((a, b) -> a.closedAt().compareTo(b.closedAt()));
            for (Deal d : monthDeals) {
                out.add(new Deal(String.format("D%05d", out.size() + 1), d.customerId(), d.newCustomer(), d.region(),
                        d.opened(), d.closedAt(), d.amount()));
            }
        }
        return List.copyOf(out);
    }

    // ---- operations -----------------------------------------------------------------------------------------

    /** The warehouses of {@link #orders}. */
    public static final List<String> WAREHOUSES = List.of("berlin", "lyon", "milan");

    /** The stock keeping units of {@link #orders} and {@link #stock}, with their unit cost in USD. */
    public static final List<String> SKUS = List.of("SKU-1", "SKU-2", "SKU-3", "SKU-4");

    private static final double[] UNIT_COST = {4.20, 12.50, 31.00, 7.80};

    /**
     * A shop order, from placement to shipping.
     *
     * @param orderId the order id
     * @param customerId the customer
     * @param placedAt when the order was placed
     * @param warehouse the warehouse that ships it
     * @param sku the item
     * @param quantity how many items
     * @param cogs the cost of the goods sold, in USD
     * @param processingHours hours from placement to shipping
     */
    public record Order(String orderId, String customerId, Instant placedAt, String warehouse, String sku,
            long quantity, BigDecimal cogs, BigDecimal processingHours) {

        /** The schema of {@link #values()}. */
        public static final Schema SCHEMA = Schema.of(
                Column.of("order_id", ColumnType.TEXT),
                Column.of("customer_id", ColumnType.TEXT),
                Column.of("placed_at", ColumnType.TIMESTAMP),
                Column.of("warehouse", ColumnType.CATEGORY),
                Column.of("sku", ColumnType.CATEGORY),
                Column.of("quantity", ColumnType.INTEGER),
                Column.decimal("cogs", 2),
                Column.decimal("processing_hours", 1));

        /**
         * The record as a row of {@link #SCHEMA}.
         *
         * @return the values
         */
        public Object[] values() {
            return new Object[] {orderId, customerId, placedAt, warehouse, sku, quantity, cogs, processingHours};
        }
    }

    /**
     * Orders placed over whole days of a time zone: 60 to 100 a day, from a pool of 400 customers; the Milan
     * warehouse is the slowest to ship.
     *
     * @param seed the seed
     * @param first the first day
     * @param days the number of days
     * @param zone the zone whose days are meant
     * @param idPrefix the prefix of the order ids, e.g. {@code "A"}
     * @return the orders in order of placement
     */
    public static List<Order> orders(long seed, LocalDate first, int days, ZoneId zone, String idPrefix) {
        Random r = new Random(seed);
        double[] speed = {1.0, 1.3, 2.1};
        List<Order> out = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            Instant start = first.plusDays(d).atStartOfDay(zone).toInstant();
            long seconds = first.plusDays(d + 1).atStartOfDay(zone).toInstant().getEpochSecond()
                    - start.getEpochSecond();
            int count = 60 + r.nextInt(41);
            List<Instant> times = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                times.add(start.plusSeconds((long) (r.nextDouble() * seconds)));
            }
            times.sort(null);
            for (Instant placed : times) {
                int w = r.nextInt(WAREHOUSES.size());
                int s = r.nextInt(SKUS.size());
                long quantity = 1L + r.nextInt(5);
                BigDecimal cogs = BigDecimal.valueOf(quantity * UNIT_COST[s]).setScale(2, RoundingMode.HALF_EVEN);
                BigDecimal hours = BigDecimal.valueOf((2 + 30 * r.nextDouble() * r.nextDouble()) * speed[w])
                        .setScale(1, RoundingMode.HALF_EVEN);
                out.add(new Order(String.format("%s%05d", idPrefix, out.size() + 1),
                        String.format("C%03d", 1 + r.nextInt(400)), placed, WAREHOUSES.get(w), SKUS.get(s),
                        quantity, cogs, hours));
            }
        }
        return List.copyOf(out);
    }

    /**
     * A support ticket and the time to its first response.
     *
     * @param ticketId the ticket id
     * @param openedAt when the customer opened it
     * @param priority {@code high} or {@code normal}
     * @param responseMinutes minutes until the first response by an agent
     */
    public record Ticket(String ticketId, Instant openedAt, String priority, long responseMinutes) {

        /** The schema of {@link #values()}. */
        public static final Schema SCHEMA = Schema.of(
                Column.of("ticket_id", ColumnType.TEXT),
                Column.of("opened_at", ColumnType.TIMESTAMP),
                Column.of("priority", ColumnType.CATEGORY),
                Column.of("response_minutes", ColumnType.INTEGER));

        /**
         * The record as a row of {@link #SCHEMA}.
         *
         * @return the values
         */
        public Object[] values() {
            return new Object[] {ticketId, openedAt, priority, responseMinutes};
        }
    }

    /**
     * Tickets opened between two days of a time zone (inclusive), uniformly over the real instants of each day
     * (so a 23-hour day gets fewer), 30 to 50 a day; none on Sundays, when support is closed. One in five is high
     * priority and answered faster.
     *
     * @param seed the seed
     * @param first the first day
     * @param last the last day
     * @param zone the support desk's zone
     * @return the tickets in order of opening
     */
    public static List<Ticket> tickets(long seed, LocalDate first, LocalDate last, ZoneId zone) {
        Random r = new Random(seed);
        List<Ticket> out = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            Instant start = day.atStartOfDay(zone).toInstant();
            long seconds = day.plusDays(1).atStartOfDay(zone).toInstant().getEpochSecond() - start.getEpochSecond();
            int count = day.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : (int) ((30 + r.nextInt(21)) * seconds / 86_400);
            List<Instant> times = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                times.add(start.plusSeconds((long) (r.nextDouble() * seconds)));
            }
            times.sort(null);
            for (Instant opened : times) {
                boolean high = r.nextInt(5) == 0;
                long minutes = Math.round(Math.exp((high ? 2.0 : 3.0) + 0.7 * r.nextGaussian()));
                out.add(new Ticket(String.format("T%05d", out.size() + 1), opened, high ? "high" : "normal",
                        minutes));
            }
        }
        return List.copyOf(out);
    }

    /**
     * The stock of one item at the end of a day.
     *
     * @param day the day
     * @param sku the item
     * @param onHand units in stock
     * @param stockValue the units valued at cost, in USD
     */
    public record Stock(LocalDate day, String sku, long onHand, BigDecimal stockValue) {

        /** The schema of {@link #values()}. */
        public static final Schema SCHEMA = Schema.of(
                Column.of("day", ColumnType.DATE),
                Column.of("sku", ColumnType.CATEGORY),
                Column.of("on_hand", ColumnType.INTEGER),
                Column.decimal("stock_value", 2));

        /**
         * The record as a row of {@link #SCHEMA}.
         *
         * @return the values
         */
        public Object[] values() {
            return new Object[] {day, sku, onHand, stockValue};
        }
    }

    /**
     * Daily stock snapshots of every item of {@link #SKUS}: 45 to 74 units leave each day, and 1,800 to 2,399
     * arrive whenever fewer than 600 are left.
     *
     * @param seed the seed
     * @param first the first day
     * @param days the number of days
     * @return the snapshots by day, then item
     */
    public static List<Stock> stock(long seed, LocalDate first, int days) {
        Random r = new Random(seed);
        long[] onHand = {1500, 1200, 900, 1800};
        List<Stock> out = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            for (int s = 0; s < SKUS.size(); s++) {
                onHand[s] = Math.max(0, onHand[s] - 45 - r.nextInt(30));
                if (onHand[s] < 600) {
                    onHand[s] += 1800 + r.nextInt(600);
                }
                out.add(new Stock(first.plusDays(d), SKUS.get(s), onHand[s],
                        BigDecimal.valueOf(onHand[s] * UNIT_COST[s]).setScale(2, RoundingMode.HALF_EVEN)));
            }
        }
        return List.copyOf(out);
    }

    // ---- plumbing -------------------------------------------------------------------------------------------

    /**
     * An in-memory record source of records.
     *
     * @param name the source name used in messages
     * @param schema the schema of the rows
     * @param records the records
     * @param values turns a record into a row of the schema
     * @param <T> the record type
     * @return the source
     */
    public static <T> MemorySource source(String name, Schema schema, List<T> records,
            Function<? super T, Object[]> values) {
        MemorySource.Builder b = MemorySource.builder(schema).name(name);
        for (T t : records) {
            b.row(values.apply(t));
        }
        return b.build();
    }

    /**
     * Writes records as a CSV file: a header of the schema's column names, then one line per record; missing
     * values are empty cells, text with a comma or a quote is quoted.
     *
     * @param file the file to write
     * @param schema the columns
     * @param records the records
     * @param values turns a record into a row of the schema
     * @param <T> the record type
     * @return the file
     * @throws UncheckedIOException if the file cannot be written
     */
    public static <T> Path writeCsv(Path file, Schema schema, List<T> records, Function<? super T, Object[]> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < schema.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(schema.column(i).name());
        }
        sb.append('\n');
        for (T t : records) {
            Object[] row = values.apply(t);
            for (int i = 0; i < row.length; i++) {
                sb.append(i == 0 ? "" : ",").append(cell(row[i]));
            }
            sb.append('\n');
        }
        try {
            return Files.writeString(file, sb, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        String s = v instanceof BigDecimal b ? b.toPlainString() : v.toString();
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /**
     * A piece of code that works in a directory.
     */
    @FunctionalInterface
    public interface DirectoryTask {
        /**
         * Runs the task.
         *
         * @param dir the directory
         * @throws IOException if a file cannot be read or written
         */
        void run(Path dir) throws IOException;
    }

    /**
     * Runs a task in a new temporary directory and deletes the directory with the files the task left in it.
     *
     * @param prefix the prefix of the directory name
     * @param task the task
     * @throws IOException if the directory cannot be created or cleaned up, or the task fails with it
     */
    public static void inTemporaryDirectory(String prefix, DirectoryTask task) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        try {
            task.run(dir);
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    /** A draw from the binomial distribution by summing Bernoulli trials (small n only). */
    private static long binomial(Random r, long n, double p) {
        long k = 0;
        for (long i = 0; i < n; i++) {
            if (r.nextDouble() < p) {
                k++;
            }
        }
        return k;
    }
}
