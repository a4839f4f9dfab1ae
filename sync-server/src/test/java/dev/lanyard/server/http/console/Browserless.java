package dev.lanyard.server.http.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A signed-in console user without a browser: its session cookie and its CSRF token. */
record Browserless(String base, String cookie, String csrf, String sessionCookieHeader) {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    static Browserless signIn(String base, String username, String password) throws Exception {
        HttpResponse<String> form = fetch(base, "/console/login", null);
        String loginCookie = cookieOf(form, ConsoleGate.LOGIN_COOKIE);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("_csrf", csrfOf(form.body()));
        fields.put("username", username);
        fields.put("password", password);
        HttpResponse<String> signedIn = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/console/login"))
                .header("Cookie", ConsoleGate.LOGIN_COOKIE + "=" + loginCookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(fields))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        String header = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(ConsoleGate.COOKIE + "=")).findFirst().orElseThrow();
        String cookie = ConsoleGate.COOKIE + "=" + cookieOf(signedIn, ConsoleGate.COOKIE);
        HttpResponse<String> events = fetch(base, "/console/events", cookie);
        return new Browserless(base, cookie, csrfOf(events.body()), header);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return fetch(base, path, cookie);
    }

    HttpResponse<String> post(String path, Map<String, String> fields, String token) throws Exception {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (token != null) {
            all.put("_csrf", token);
        }
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(all))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> upload(String path, String filename, byte[] content) throws Exception {
        String boundary = "----lanyard" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filename + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        // as the upload form sends it: the token in the form's address, not in a body read only after the check
        String token = "?" + ConsoleGate.CSRF_FIELD + "=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path + token)).header("Cookie", cookie)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The status line of an upload to {@code path} (with {@code query}, "" for none) that says it is
     * {@code declaredLength} bytes long and then stops sending after its first part's first line.
     */
    String stalledUpload(String path, String query, long declaredLength) throws IOException {
        URI at = URI.create(base);
        try (java.net.Socket socket = new java.net.Socket(at.getHost(), at.getPort())) {
            socket.setSoTimeout(10_000);
            String boundary = "----stalled";
            String head = "POST " + path + query + " HTTP/1.1\r\nHost: " + at.getHost() + "\r\nCookie: " + cookie
                    + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: "
                    + declaredLength + "\r\n\r\n--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"guests.csv\"\r\n\r\nname\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
        }
    }

    private static String cookieOf(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new AssertionError("no cookie " + name + " in " + response.headers()));
    }

    private static final Pattern UPLOAD = Pattern.compile("name=\"upload\" value=\"([^\"]+)\"");

    /** The waiting upload an import page's confirm and cancel forms name. */
    static String uploadOf(HttpResponse<String> page) {
        var m = UPLOAD.matcher(page.body());
        assertThat(m.find()).as("the page names its upload").isTrue();
        return m.group(1);
    }

    private static String csrfOf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("a CSRF field in %s", html).isTrue();
        return m.group(1);
    }

    private static String encode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static HttpResponse<String> fetch(String base, String path, String cookie)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
