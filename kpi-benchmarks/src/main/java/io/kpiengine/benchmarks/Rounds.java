package io.kpiengine.benchmarks;

/**
 * The {@code --rounds R --warmup W} options of the measurement programs that time rounds by hand.
 *
 * @param rounds the timed rounds
 * @param warmup the untimed rounds before them
 */
public record Rounds(int rounds, int warmup) {

    /**
     * Reads the options.
     *
     * @param args the program's arguments
     * @param rounds the default number of timed rounds
     * @param warmup the default number of warm-up rounds
     * @return the options
     * @throws IllegalArgumentException for another option
     */
    public static Rounds of(String[] args, int rounds, int warmup) {
        int r = rounds;
        int w = warmup;
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--rounds")) {
                r = Integer.parseInt(args[i + 1]);
            } else if (args[i].equals("--warmup")) {
                w = Integer.parseInt(args[i + 1]);
            } else {
                throw new IllegalArgumentException("unknown option " + args[i] + "; use --rounds R --warmup W");
            }
        }
        return new Rounds(r, w);
    }
}
