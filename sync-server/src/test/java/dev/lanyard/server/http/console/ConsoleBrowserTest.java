package dev.lanyard.server.http.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.LuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.lanyard.model.Event;
import dev.lanyard.model.clock.Hlc;
import dev.lanyard.model.json.Json;
import dev.lanyard.model.protocol.PairResponse;
import dev.lanyard.model.protocol.PairingPayload;
import dev.lanyard.model.protocol.PushRequest;
import dev.lanyard.server.support.Api;
import dev.lanyard.server.support.Backend;
import dev.lanyard.server.support.Browser;
import dev.lanyard.server.support.Fixture;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The organizer's whole path through the console in a real headless Chromium, against a real
 * server over real HTTP: sign in, create an event, import a guest list with a bad row, pair a
 * door from the QR on screen, watch a check-in that door pushes arrive live, revoke the door;
 * and an auditor, who sees no control that changes anything. Screenshots of each page are kept.
 */
class ConsoleBrowserTest {
    @TempDir
    Path dir;
    private Fixture f;
    private ChromeDriver browser;
    private String base;

    @BeforeEach
    void start() {
        Browser.requireInstalled();
        f = new Fixture(Backend.H2, dir);
        base = f.server.baseUrl();
        browser = Browser.start("en-US,en");
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (f != null) {
            f.close();
        }
    }

    @Test
    void anOrganizerRunsAnEventFromTheConsoleAndAnAuditorCannotChangeIt() throws Exception {
        signIn("admin", "admin-password");
        Browser.screenshot(browser, "events");

        // create an event
        browser.findElement(By.id("new-event")).click();
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Seoul"));
        browser.findElement(By.id("name")).sendKeys("Console Conf");
        setValue(By.id("startDate"), today.toString());
        setValue(By.id("endDate"), today.plusDays(1).toString());
        Select reentry = new Select(browser.findElement(By.id("reentryPolicy")));
        reentry.selectByValue("deny");
        browser.findElement(By.id("formFields")).sendKeys("tshirt | T-shirt size | choice | required | S, M, L");
        browser.findElement(By.name("mailConfirmation")).click();
        Browser.screenshot(browser, "event-new");
        browser.findElement(By.id("save-event")).click();
        wait(Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("saved")));
        Browser.screenshot(browser, "event-edit");
        UUID eventId = UUID.fromString(browser.getCurrentUrl().replaceAll(".*/events/([0-9a-f-]{36})/edit.*", "$1"));
        Event created = f.admin.get("/api/v1/events/" + eventId).as(Event.class);
        assertThat(created.name()).isEqualTo("Console Conf");
        assertThat(created.reentryPolicy().wire()).isEqualTo("deny");
        assertThat(created.formFields()).singleElement()
                .satisfies(field -> assertThat(field.options()).containsExactly("S", "M", "L"));
        assertThat(f.server.email().settings(eventId).confirmation()).isTrue();

        // the badge preview is redrawn by the printers' renderer as the sample name is typed, without a reload
        browser.get(base + "/console/events/" + eventId + "/badge");
        String before = browser.findElement(By.id("badge-image")).getAttribute("src");
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
        browser.findElement(By.id("sample-name")).sendKeys(" Byron");
        wait(Duration.ofSeconds(10))
                .until(d -> !before.equals(d.findElement(By.id("badge-image")).getAttribute("src")));
        wait(Duration.ofSeconds(10)).until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "const i = document.getElementById('badge-image'); return i.complete && i.naturalWidth > 0"));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true")).isEqualTo(true);
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0);");
        Browser.screenshot(browser, "badge");
        browser.findElement(By.id("save-badge")).click();
        wait(Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("saved")));
        assertThat(f.admin.get("/api/v1/events/" + eventId).json().get("badgeTemplate").has("widthMm")).isTrue();

        // import a guest list whose third line has no name
        Path csv = dir.resolve("guests.csv");
        Files.writeString(csv, "name,email,company\nAda Lovelace,ada@example.com,Analytical\n,nobody@example.com,None\n"
                + "Grace Hopper,grace@example.com,Navy\n", StandardCharsets.UTF_8);
        browser.get(base + "/console/events/" + eventId + "/import");
        Browser.screenshot(browser, "import");
        browser.findElement(By.id("file")).sendKeys(csv.toString());
        browser.findElement(By.id("upload")).click();
        wait(Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("preview-rows")));
        assertThat(browser.findElement(By.id("preview-rows")).getText()).contains("Ada Lovelace")
                .contains("Grace Hopper");
        assertThat(new Select(browser.findElement(By.id("column0"))).getFirstSelectedOption().getAttribute("value"))
                .as("the detected mapping is the default").isEqualTo("name");
        assertThat(new Select(browser.findElement(By.id("column2"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("company");
        List<WebElement> checkRows = browser.findElements(By.cssSelector("#check-errors tbody tr"));
        assertThat(checkRows).as("the bad line is shown before anything is imported").hasSize(1);
        assertThat(checkRows.get(0).findElement(By.className("line")).getText()).isEqualTo("3");
        assertThat(f.admin.get("/api/v1/events/" + eventId + "/participants").json().path("participants"))
                .as("nothing imported by the check").isEmpty();
        Browser.screenshot(browser, "import-preview");
        browser.findElement(By.id("confirm-import")).click();
        wait(Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("import-result")));
        List<WebElement> errorRows = browser.findElements(By.cssSelector("#line-errors tbody tr"));
        assertThat(errorRows).hasSize(1);
        assertThat(errorRows.get(0).findElement(By.className("line")).getText()).isEqualTo("3");
        assertThat(errorRows.get(0).getText()).contains("name is empty");
        Browser.screenshot(browser, "import-result");

        // the two imported guests get their confirmation on the organizer's word; the calendar link is shown
        browser.get(base + "/console/events/" + eventId + "/mail");
        browser.findElement(By.cssSelector("#send-pending button")).click();
        wait(Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("enqueued")));
        assertThat(text("#outbox-counts tr[data-kind=confirmation] td[data-status=pending]")).isEqualTo("2");
        assertThat(browser.findElement(By.id("webcal-url")).getAttribute("value")).startsWith("webcal://");
        Browser.screenshot(browser, "mail");

        // pair a door from the QR code on screen
        browser.get(base + "/console/events/" + eventId + "/devices");
        browser.findElement(By.id("new-pairing-code")).click();
        WebElement qr = wait(Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("pairing-qr")));
        wait(Duration.ofSeconds(10)).until(d -> (Boolean) ((JavascriptExecutor) d)
                .executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", qr));
        Browser.screenshot(browser, "devices-pairing");
        PairingPayload payload = Json.read(decodeQr(qr.getScreenshotAs(OutputType.BYTES)), PairingPayload.class);
        assertThat(payload.server()).isEqualTo(base);
        assertThat(payload.eventId()).isEqualTo(eventId);
        assertThat(payload.code()).isEqualTo(browser.findElement(By.id("pairing-code")).getText());
        PairResponse paired = f.anonymous.post("/api/v1/devices/pair",
                        Map.of("code", payload.code(), "deviceName", "North door"))
                .as(PairResponse.class);
        Api door = f.anonymous.as(paired.token());

        // a check-in the door pushes appears on the open dashboard without a reload
        browser.get(base + "/console/events/" + eventId + "/dashboard");
        wait(Duration.ofSeconds(10)).until(ExpectedConditions.attributeToBe(By.id("live-state"), "data-state", "live"));
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
        assertThat(checkedIn(today)).isEqualTo("0");
        UUID ada = participantNamed(eventId, "Ada Lovelace");
        Api.Res pushed = door.post("/api/v1/events/" + eventId + "/ops", PushRequest.ofOps(paired.deviceId().toString(),
                List.of(Fixture.checkIn(ada, today, Set.of(),
                        new Hlc(System.currentTimeMillis(), 0, paired.deviceId().toString())))));
        assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
        // the page asks for its panel at most every 2 s, and the server may answer the first ask with the panel it
        // made a moment ago for the page's load; the page asks again until it shows the change (ADR 0246)
        wait(Duration.ofSeconds(6)).until(d -> "1".equals(checkedIn(today)));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true")).isEqualTo(true);
        assertThat(text("#arrivals")).contains("North door");
        assertThat(text("#door-status")).contains("North door").contains("Online");
        Browser.screenshot(browser, "dashboard");
        browser.findElement(By.cssSelector("a[lang=ko]")).click();
        wait(Duration.ofSeconds(10)).until(ExpectedConditions.attributeToBe(By.id("live-state"), "data-state", "live"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ko");
        Browser.screenshot(browser, "dashboard-ko");
        browser.findElement(By.cssSelector("a[lang=en]")).click();

        // participants: search as you type narrows the list without a reload; Ada's check-in shows with its day
        browser.get(base + "/console/events/" + eventId + "/participants");
        assertThat(browser.findElements(By.cssSelector("#participant-rows tr"))).hasSize(2);
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
        browser.findElement(By.id("q")).sendKeys("grace");
        wait(Duration.ofSeconds(5)).until(d -> d.findElements(By.cssSelector("#participant-rows tr")).size() == 1);
        assertThat(text("#participant-rows")).contains("Grace Hopper").doesNotContain("Ada");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true")).isEqualTo(true);
        Browser.screenshot(browser, "participants");
        browser.get(base + "/console/events/" + eventId + "/participants/" + ada);
        assertThat(text("#checkins")).contains(today.toString()).contains(paired.deviceId().toString());
        Browser.screenshot(browser, "participant");

        // revoke the door: its token is refused from then on
        browser.get(base + "/console/events/" + eventId + "/devices");
        browser.findElement(By.cssSelector("tr[data-device='" + paired.deviceId() + "'] button.revoke")).click();
        wait(Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent()).accept();
        wait(Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("revoked")));
        Browser.screenshot(browser, "devices");
        assertThat(door.get("/api/v1/events/" + eventId + "/changes").json().path("error").asText())
                .isEqualTo("device_revoked");

        browser.get(base + "/console/users");
        assertThat(text("#users")).contains("aude").contains("olga");
        Browser.screenshot(browser, "users");
        browser.findElement(By.cssSelector("a.who")).click();
        browser.findElement(By.id("oldPassword"));
        Browser.screenshot(browser, "password");

        // an auditor reads everything and finds nothing to change
        browser.findElement(By.id("sign-out")).click();
        // the click only starts the form's POST: going to /console before its answer still finds the session
        wait(Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/console/login"));
        signIn("aude", "auditor-password");
        assertNoEditControls();
        assertThat(browser.findElements(By.cssSelector("#events tbody tr"))).hasSize(2);
        browser.get(base + "/console/events/" + eventId + "/dashboard");
        wait(Duration.ofSeconds(10)).until(ExpectedConditions.attributeToBe(By.id("live-state"), "data-state", "live"));
        assertNoEditControls();
        assertThat(checkedIn(today)).isEqualTo("1");
        browser.get(base + "/console/events/" + eventId + "/participants/" + ada);
        assertThat(text("#checkins")).contains(today.toString());
        assertNoEditControls();
        browser.get(base + "/console/events/" + eventId + "/mail");
        assertThat(browser.findElement(By.id("calendar-url")).getAttribute("value")).contains("/calendar/");
        assertThat(browser.findElements(By.id("outbox-counts"))).isEmpty();
        assertNoEditControls();
        browser.get(base + "/console/events/" + eventId + "/exports");
        assertNoEditControls();
        Browser.screenshot(browser, "exports");
        browser.get(base + "/console/events/" + eventId + "/audit");
        assertThat(text("#audit")).contains("import_participants").contains("admin");
        assertNoEditControls();
        Browser.screenshot(browser, "audit");
        browser.get(base + "/console/events/" + eventId + "/edit");
        assertThat(browser.findElement(By.id("error-page")).getAttribute("data-status")).isEqualTo("403");
    }

    private void signIn(String username, String password) {
        browser.get(base + "/console");
        wait(Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/console/login"));
        if (username.equals("admin")) {
            Browser.screenshot(browser, "login");
        }
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        wait(Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/console/events"));
    }

    private void assertNoEditControls() {
        assertThat(browser.findElements(By.cssSelector("a.edit, #new-event, button.revoke, #new-pairing-code, "
                + "form:not([action='/console/logout'])"))).isEmpty();
    }

    private String checkedIn(LocalDate day) {
        return text(".tile[data-day='" + day + "'] .checked-in");
    }

    /** Read in one script call: the live panel may be swapped between finding an element and reading it. */
    private String text(String css) {
        Object text = ((JavascriptExecutor) browser).executeScript(
                "const e = document.querySelector(arguments[0]); return e == null ? null : e.textContent.trim();", css);
        return (String) text;
    }

    private UUID participantNamed(UUID eventId, String name) {
        JsonNode page = f.admin.get("/api/v1/events/" + eventId + "/participants").json();
        for (JsonNode p : page.path("participants")) {
            if (name.equals(p.path("name").asText())) {
                return UUID.fromString(p.path("id").asText());
            }
        }
        throw new AssertionError("no participant " + name + " in " + page);
    }

    private void setValue(By by, String value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", browser.findElement(by),
                value);
    }

    private WebDriverWait wait(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout);
        // the dashboard swaps its panel in on every change: an element read a moment ago may be gone
        wait.pollingEvery(Duration.ofMillis(50)).ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    private static String decodeQr(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new ImageLuminance(image)));
        try {
            // a screenshot of the image alone: the bare code and its quiet zone; a finder-pattern search misses about
            // one random code in 200 even on a clean image
            return new QRCodeReader().decode(bitmap, java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE,
                    Boolean.TRUE)).getText();
        } catch (com.google.zxing.ReaderException notPure) {
            return new QRCodeReader().decode(bitmap, java.util.Map.of(com.google.zxing.DecodeHintType.TRY_HARDER,
                    Boolean.TRUE)).getText();
        }
    }

    /** zxing's core has no AWT bridge (that is its javase artifact): grey levels of a screenshot. */
    private static final class ImageLuminance extends LuminanceSource {
        private final byte[] grey;

        ImageLuminance(BufferedImage image) {
            super(image.getWidth(), image.getHeight());
            grey = new byte[image.getWidth() * image.getHeight()];
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y);
                    int value = (((rgb >> 16) & 0xff) * 299 + ((rgb >> 8) & 0xff) * 587 + (rgb & 0xff) * 114) / 1000;
                    grey[y * image.getWidth() + x] = (byte) value;
                }
            }
        }

        @Override
        public byte[] getRow(int y, byte[] row) {
            byte[] out = row == null || row.length < getWidth() ? new byte[getWidth()] : row;
            System.arraycopy(grey, y * getWidth(), out, 0, getWidth());
            return out;
        }

        @Override
        public byte[] getMatrix() {
            return grey;
        }
    }
}
