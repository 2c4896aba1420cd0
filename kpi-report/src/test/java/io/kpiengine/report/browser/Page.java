package io.kpiengine.report.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One tab of a {@link Chromium}: navigation, script evaluation, viewport, screenshots and PDF, and the log of
 * what the page did: every network request it started ({@code Network.requestWillBeSent}), every console message
 * ({@code Runtime.consoleAPICalled}), uncaught exception ({@code Runtime.exceptionThrown}) and browser log entry
 * ({@code Log.entryAdded}: Content-Security-Policy violations, failed loads).
 */
public final class Page implements AutoCloseable {

    /** A message the page logged: its level ("error", "warning", ...), where it came from and its text. */
    public record Message(String level, String source, String text) {
    }

    private final Chromium browser;
    private final String session;
    private final String target;
    private final List<String> requests = new ArrayList<>();
    private final List<Message> messages = new ArrayList<>();
    private boolean loaded;

    Page(Chromium browser, String session, String target) {
        this.browser = browser;
        this.session = session;
        this.target = target;
    }

    /**
     * Sends a protocol command to this page.
     *
     * @param method the method, e.g. {@code Page.navigate}
     * @param params its parameters
     * @return the result object
     */
    public JsonNode send(String method, Map<String, ?> params) {
        return browser.send(session, method, params);
    }

    synchronized void event(String method, JsonNode params) {
        switch (method) {
            case "Network.requestWillBeSent" -> requests.add(params.path("request").path("url").asText());
            case "Runtime.consoleAPICalled" -> {
                StringBuilder text = new StringBuilder();
                for (JsonNode arg : params.path("args")) {
                    text.append(arg.has("value") ? arg.get("value").asText() : arg.path("description").asText())
                            .append(' ');
                }
                messages.add(new Message(params.path("type").asText(), "console", text.toString().trim()));
            }
            case "Runtime.exceptionThrown" -> messages.add(new Message("error", "exception",
                    params.path("exceptionDetails").path("exception").path("description")
                            .asText(params.path("exceptionDetails").path("text").asText())));
            case "Log.entryAdded" -> {
                JsonNode e = params.path("entry");
                messages.add(new Message(e.path("level").asText(), e.path("source").asText(), e.path("text").asText()
                        + (e.has("url") ? " (" + e.get("url").asText() + ")" : "")));
            }
            case "Page.javascriptDialogOpening" -> {
                messages.add(new Message("error", "dialog", params.path("type").asText() + ": "
                        + params.path("message").asText()));
                Thread t = new Thread(() -> send("Page.handleJavaScriptDialog", Map.of("accept", false)));
                t.setDaemon(true);
                t.start();
            }
            case "Page.loadEventFired" -> {
                loaded = true;
                notifyAll();
            }
            default -> {
                // other events are not recorded
            }
        }
    }

    /**
     * Loads a URL and waits for its load event.
     *
     * @param url the URL
     */
    public void navigate(String url) {
        synchronized (this) {
            loaded = false;
        }
        send("Page.navigate", Map.of("url", url));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        synchronized (this) {
            while (!loaded) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new IllegalStateException("no load event from " + url + " within 60 s");
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
    }

    /**
     * Evaluates a JavaScript expression in the page and returns its value as JSON (promises are awaited).
     *
     * @param expression the expression
     * @return the value
     * @throws IllegalStateException if the expression threw
     */
    public JsonNode eval(String expression) {
        JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /**
     * Sets the viewport size.
     *
     * @param width CSS pixels
     * @param height CSS pixels
     * @param mobile whether to emulate a phone (touch, mobile viewport rules)
     */
    public void viewport(int width, int height, boolean mobile) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("width", width);
        p.put("height", height);
        p.put("deviceScaleFactor", 1);
        p.put("mobile", mobile);
        send("Emulation.setDeviceMetricsOverride", p);
    }

    /**
     * Emulates a CSS media type.
     *
     * @param media "print", "screen" or "" to stop emulating
     */
    public void media(String media) {
        send("Emulation.setEmulatedMedia", Map.of("media", media));
    }

    /**
     * Saves a PNG of the viewport.
     *
     * @param file where to write it
     * @param fullPage whether to capture the whole page height instead of the viewport
     * @return the file
     * @throws IOException if the file cannot be written
     */
    public Path screenshot(Path file, boolean fullPage) throws IOException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("format", "png");
        if (fullPage) {
            JsonNode size = eval("({w: document.documentElement.clientWidth,"
                    + " h: Math.ceil(document.documentElement.scrollHeight)})");
            p.put("captureBeyondViewport", true);
            p.put("clip", Map.of("x", 0, "y", 0, "width", size.get("w").asInt(), "height", size.get("h").asInt(),
                    "scale", 1));
        }
        byte[] png = Base64.getDecoder().decode(send("Page.captureScreenshot", p).get("data").asText());
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, png);
    }

    /**
     * Prints the page to PDF on A4 paper with the page's own CSS page margins.
     *
     * @return the PDF bytes
     */
    public byte[] printA4() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("paperWidth", 8.27);
        p.put("paperHeight", 11.69);
        p.put("preferCSSPageSize", true);
        p.put("printBackground", true);
        return Base64.getDecoder().decode(send("Page.printToPDF", p).get("data").asText());
    }

    /**
     * Every URL the page requested since it was opened, the documents it navigated to included.
     *
     * @return a copy of the list
     */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    /**
     * Every console message, uncaught exception and browser log entry since the page was opened.
     *
     * @return a copy of the list
     */
    public synchronized List<Message> messages() {
        return List.copyOf(messages);
    }

    /**
     * The messages of level error (console errors, uncaught exceptions, CSP violations, failed loads).
     *
     * @return the errors
     */
    public synchronized List<Message> errors() {
        return messages.stream().filter(m -> m.level().equals("error")).toList();
    }

    /** Closes the tab. */
    @Override
    public void close() {
        browser.closeTarget(target, session);
    }
}
