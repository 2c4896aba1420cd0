package io.kpiengine.report.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A headless Chromium driven through the DevTools protocol over its WebSocket, with nothing but the JDK's HTTP
 * client and Jackson: no WebDriver, no browser download.
 *
 * <p>Design: the browser is started with {@code --remote-debugging-port=0} and a fresh user-data directory, in
 * which it writes the port it chose ({@code DevToolsActivePort}). One WebSocket to the browser target carries
 * every command; pages are targets attached in "flatten" mode, so their commands and events travel on the same
 * socket tagged with a session id. Replies are matched to commands by id; events are appended to the log of
 * their session, which a {@link Page} reads. The flags are those that keep Chromium off the network on its own
 * (no background networking, component updates, sync or QUIC probing), so that any request a page makes is the
 * page's.
 *
 * <p>One instance is not thread-safe for commands issued from several threads at once on the same page.
 */
public final class Chromium implements AutoCloseable {

    /** The executable, unless the {@code CHROMIUM} environment variable names another. */
    public static final String DEFAULT_EXECUTABLE = "/usr/bin/chromium";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path userData;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, Page> pages = new ConcurrentHashMap<>();

    private Chromium(Process process, Path userData, URI endpoint) throws IOException {
        this.process = process;
        this.userData = userData;
        try {
            this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(20))
                    .buildAsync(endpoint, new Listener())
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + endpoint, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot connect to Chromium's DevTools at " + endpoint, e);
        }
    }

    /**
     * The Chromium executable, if installed.
     *
     * @return the path, or empty when neither {@code CHROMIUM} nor {@value #DEFAULT_EXECUTABLE} is an executable file
     */
    public static Optional<Path> executable() {
        String env = System.getenv("CHROMIUM");
        Path p = Path.of(env == null || env.isBlank() ? DEFAULT_EXECUTABLE : env);
        return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }

    /**
     * Starts a headless Chromium with a fresh profile.
     *
     * @return the running browser; close it to stop the process and delete the profile
     * @throws IOException if Chromium is not installed, does not start or its DevTools endpoint cannot be reached
     */
    public static Chromium launch() throws IOException {
        Path exe = executable().orElseThrow(() -> new IOException("Chromium is not installed at "
                + DEFAULT_EXECUTABLE + " (apt-get install chromium) and CHROMIUM names no executable"));
        Path userData = Files.createTempDirectory("kpi-chromium");
        List<String> command = List.of(exe.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-default-apps", "--disable-extensions", "--mute-audio",
                "--hide-scrollbars", "--user-data-dir=" + userData, "--remote-debugging-port=0", "about:blank");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(userData.resolveSibling(userData.getFileName() + ".log").toFile())
                .start();
        Path portFile = userData.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            if (Files.exists(portFile)) {
                lines = Files.readAllLines(portFile);
                if (lines.size() >= 2) {
                    break;
                }
            }
            if (!process.isAlive()) {
                throw new IOException("Chromium exited with " + process.exitValue() + " before it listened");
            }
            sleep(50);
        }
        if (lines.size() < 2) {
            process.destroyForcibly();
            throw new IOException("Chromium did not write " + portFile + " within 30 s");
        }
        URI endpoint = URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
        try {
            return new Chromium(process, userData, endpoint);
        } catch (IOException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /**
     * Opens a new page (tab) with the protocol domains that report requests, console messages and errors enabled
     * before anything is loaded.
     *
     * @param width the viewport width in CSS pixels
     * @param height the viewport height in CSS pixels
     * @return the page
     */
    public Page newPage(int width, int height) {
        String target = send(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
        String session = send(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .get("sessionId").asText();
        Page page = new Page(this, session, target);
        pages.put(session, page);
        page.send("Page.enable", Map.of());
        page.send("Network.enable", Map.of());
        page.send("Runtime.enable", Map.of());
        page.send("Log.enable", Map.of());
        page.viewport(width, height, false);
        return page;
    }

    void closeTarget(String targetId, String session) {
        send(null, "Target.closeTarget", Map.of("targetId", targetId));
        pages.remove(session);
    }

    /** Sends one command and waits for its reply; a protocol error becomes an IllegalStateException. */
    JsonNode send(String session, String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        msg.set("params", JSON.valueToTree(params));
        if (session != null) {
            msg.put("sessionId", session);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            synchronized (socket) {
                socket.sendText(JSON.writeValueAsString(msg), true).get(30, TimeUnit.SECONDS);
            }
            JsonNode r = reply.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (r.has("error")) {
                throw new IllegalStateException(method + " failed: " + r.get("error"));
            }
            return r.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method, e);
        } catch (ExecutionException | TimeoutException | IOException e) {
            throw new IllegalStateException(method + " got no reply: " + e, e);
        } finally {
            pending.remove(id);
        }
    }

    /** Stops the browser and deletes its profile. */
    @Override
    public void close() {
        try {
            send(null, "Browser.close", Map.of());
        } catch (RuntimeException e) {
            // the process is stopped below in any case
        }
        socket.abort();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteTree(userData);
        try {
            Files.deleteIfExists(userData.resolveSibling(userData.getFileName() + ".log"));
        } catch (IOException e) {
            // a log left in the temporary directory is harmless
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Chromium may still hold a file for a moment; the temporary directory is cleaned by the system
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void dispatch(String text) {
        JsonNode msg;
        try {
            msg = JSON.readTree(text);
        } catch (IOException e) {
            return;
        }
        if (msg.has("id")) {
            CompletableFuture<JsonNode> f = pending.get(msg.get("id").asInt());
            if (f != null) {
                f.complete(msg);
            }
            return;
        }
        Page page = pages.get(msg.path("sessionId").asText(""));
        if (page != null) {
            page.event(msg.path("method").asText(), msg.path("params"));
        }
    }

    /** Collects text frames into messages. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                dispatch(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            pending.values().forEach(f -> f.completeExceptionally(error));
        }
    }
}
