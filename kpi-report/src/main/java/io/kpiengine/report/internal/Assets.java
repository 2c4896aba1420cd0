package io.kpiengine.report.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Properties;

/**
 * The files every report inlines, read once from this module's resources: the minified Apache ECharts build
 * (copied from its Maven Central WebJar by the build, licence header kept as its first comment), the page script
 * and the style sheet; and the Content-Security-Policy hash of a script or style.
 *
 * <p>The hash is the base64 SHA-256 of the element's text as UTF-8, the form CSP Level 2 defines for
 * {@code 'sha256-...'} sources; the browser computes the same over the text between the tags, so the text must be
 * inlined byte for byte as hashed. Neither ECharts' nor our own text contains {@code </script} or
 * {@code <!--} (checked by AssetsTest), so they are inlined unchanged.
 */
public final class Assets {

    private static final String BASE = "/io/kpiengine/report/internal/";

    /** The ECharts version the build inlines. */
    public static final String ECHARTS_VERSION = properties().getProperty("echartsVersion");

    private static final String ECHARTS = read("echarts/echarts.min.js");
    private static final String ECHARTS_HASH = hash(ECHARTS);
    private static final String SCRIPT = read("report.js");
    private static final String CSS = read("report.css");

    private Assets() {
    }

    /**
     * The minified ECharts build with its licence header.
     *
     * @return the script text
     */
    public static String echarts() {
        return ECHARTS;
    }

    /**
     * The page script.
     *
     * @return the script text
     */
    public static String script() {
        return SCRIPT;
    }

    /**
     * The style sheet.
     *
     * @return the CSS text
     */
    public static String css() {
        return CSS;
    }

    /**
     * The CSP source that allows exactly this inline text.
     *
     * @param text a script's or style sheet's text
     * @return {@code 'sha256-<base64>'}
     */
    @SuppressWarnings("ReferenceEquality") // the bundled ECharts text itself: its hash is computed once
    public static String hash(String text) {
        if (text == ECHARTS && ECHARTS_HASH != null) {
            return ECHARTS_HASH;
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(d) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * The text of one of the licence files of ECharts as its WebJar ships it.
     *
     * @param name {@code LICENSE} or {@code NOTICE}
     * @return the text
     */
    public static String echartsLicence(String name) {
        return read("echarts/" + name);
    }

    private static String read(String name) {
        try (InputStream in = Assets.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + BASE + name + " is missing from the kpi-report jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties properties() {
        Properties p = new Properties();
        try (InputStream in = Assets.class.getResourceAsStream(BASE + "assets.properties")) {
            if (in == null) {
                throw new IllegalStateException("resource " + BASE + "assets.properties is missing");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
