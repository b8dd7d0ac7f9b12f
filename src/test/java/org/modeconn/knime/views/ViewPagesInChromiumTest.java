package org.modeconn.knime.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.knime.core.webui.page.Page;
import org.modeconn.engine.record.Json;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Each view page in headless Chromium (Debian's {@code chromium}) on what its node's data service gave for a
 * real run: the page, its script and libraries served from the bundle's class path, embedded by a test host
 * that answers the UI extension service as KNIME does. The page must report itself rendered with its series
 * drawn, and its screenshot must show drawn content. Screenshots are kept in {@code target/view-pages/}.
 */
class ViewPagesInChromiumTest {

    private static final Path OUT = Path.of("target", "view-pages");

    private static HttpServer server;

    private static final Map<String, String> DATA = new ConcurrentHashMap<>();

    /** The page of each view, as its node declares it (page file and resources). */
    private static final Map<String, Page> PAGES = new ConcurrentHashMap<>();

    @BeforeAll
    static void serve() throws Exception {
        ViewFixtures.ensureRun();
        for (Map.Entry<ViewPage, ViewFixtures.ViewRun> e : ViewFixtures.RUNS.entrySet()) {
            DATA.put(e.getKey().name(), Json.MAPPER.writeValueAsString(e.getValue().result()));
            PAGES.put(e.getKey().name(), e.getValue().factory().subsetNode().subsetView().orElseThrow().subsetPage());
        }
        DATA.put("NO_DATA", ViewDataTable.json(null));
        DATA.put("LINE_SLICE", Json.MAPPER.writeValueAsString(ViewFixtures.lineSlice.result()));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ViewPagesInChromiumTest::answer);
        server.start();
        Files.createDirectories(OUT);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void answer(final HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        byte[] body = null;
        String type = "text/plain";
        if (path.equals("/host.html")) {
            try (InputStream in = ViewPagesInChromiumTest.class.getResourceAsStream("host.html")) {
                body = in.readAllBytes();
            }
            type = "text/html";
        } else if (path.startsWith("/data/")) {
            String json = DATA.get(path.substring("/data/".length()).replace(".json", ""));
            body = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
            type = "application/json";
        } else if (path.startsWith("/views/")) {
            // As KNIME serves a view: its page, and the resources the Page declares, nothing else.
            String[] parts = path.substring("/views/".length()).split("/", 2);
            Page page = PAGES.get(parts[0]);
            if (page != null && parts.length == 2) {
                Optional<InputStream> in = parts[1].equals(page.getRelativePath())
                    ? Optional.of(page.getInputStream()) : page.subsetResource(parts[1]);
                if (in.isPresent()) {
                    try (InputStream stream = in.get()) {
                        body = stream.readAllBytes();
                    }
                }
                type = parts[1].endsWith(".html") ? "text/html" : parts[1].endsWith(".css") ? "text/css"
                    : "application/javascript";
            }
        }
        if (body == null) {
            x.sendResponseHeaders(404, -1);
        } else {
            x.getResponseHeaders().add("Content-Type", type + "; charset=utf-8");
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
        }
        x.close();
    }

    private static String url(final ViewPage page, final String data) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/host.html?view=views/" + page.name() + "/"
            + page.file() + "&data=data/" + data + ".json";
    }

    /** Runs Chromium headless on {@code url} with {@code action} (a flag), returning its standard output. */
    private static String chromium(final String url, final String action) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(chromiumBinary(), "--headless", "--no-sandbox", "--disable-gpu",
            "--hide-scrollbars", "--window-size=1000,700", "--virtual-time-budget=10000",
            "--user-data-dir=" + Files.createTempDirectory("chromium").toAbsolutePath()));
        cmd.add(action);
        cmd.add(url);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Chromium from the PATH, as tools/require-chromium.sh finds (or installs) it. */
    private static String chromiumBinary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name).toString();
                }
            }
        }
        throw new AssertionError("Chromium is needed for the view tests: install it (apt-get install chromium), as "
            + "tools/require-chromium.sh does before the test command.");
    }

    private static String bodyAttribute(final String dom, final String name) {
        Matcher m = Pattern.compile("<body[^>]*\\s" + name + "=\"([^\"]*)\"").matcher(dom);
        return m.find() ? m.group(1) : null;
    }

    @ParameterizedTest
    @EnumSource(ViewPage.class)
    void everyPageDrawsWhatItsNodeGave(final ViewPage page) throws Exception {
        String dom = chromium(url(page, page.name()), "--dump-dom");
        assertThat(bodyAttribute(dom, "data-state")).as(page + ": " + bodyAttribute(dom, "data-message"))
            .isEqualTo("rendered");
        assertThat(Integer.parseInt(bodyAttribute(dom, "data-series"))).as(page + " series").isGreaterThanOrEqualTo(2);
        assertThat(bodyAttribute(dom, "data-alerts")).as(page + " alerts").isEqualTo("[]");
        if (page == ViewPage.PLANE) {
            assertThat(bodyAttribute(dom, "data-slice")).isEqualTo("plane");
        }

        Path png = OUT.resolve(page.name().toLowerCase(Locale.ROOT) + ".png");
        Files.deleteIfExists(png);
        chromium(url(page, page.name()), "--screenshot=" + png.toAbsolutePath());
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1000);
        assertThat(drawnFraction(image)).as(page + " share of drawn pixels").isGreaterThan(0.03);
        assertThat(colours(image)).as(page + " colours").isGreaterThan(30);
    }

    @Test
    void aOneDimensionalSliceIsDrawnAsALineWithItsNetworksMarked() throws Exception {
        String dom = chromium(url(ViewPage.PLANE, "LINE_SLICE"), "--dump-dom");
        assertThat(bodyAttribute(dom, "data-state")).as(bodyAttribute(dom, "data-message")).isEqualTo("rendered");
        assertThat(bodyAttribute(dom, "data-alerts")).isEqualTo("[]");
        assertThat(bodyAttribute(dom, "data-slice")).isEqualTo("line");
        Path png = OUT.resolve("plane-line.png");
        Files.deleteIfExists(png);
        chromium(url(ViewPage.PLANE, "LINE_SLICE"), "--screenshot=" + png.toAbsolutePath());
        assertThat(drawnFraction(ImageIO.read(png.toFile()))).isGreaterThan(0.01);
    }

    @ParameterizedTest
    @EnumSource(value = ViewPage.class, names = {"PLANE", "FGE"})
    void aNodeWithoutViewDataShowsWhyInsteadOfAnEmptyPage(final ViewPage page) throws Exception {
        String dom = chromium(url(page, "NO_DATA"), "--dump-dom");
        assertThat(bodyAttribute(dom, "data-state")).isEqualTo("error");
        assertThat(bodyAttribute(dom, "data-message")).contains("execute it");
    }

    /** The share of pixels that are not the white background. */
    private static double drawnFraction(final BufferedImage image) {
        long drawn = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                drawn += rgb == 0xFFFFFF ? 0 : 1;
            }
        }
        return drawn / (double)(image.getWidth() * (long)image.getHeight());
    }

    private static int colours(final BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                seen.add(image.getRGB(x, y) & 0xF0F0F0);
            }
        }
        return seen.size();
    }
}
