package dev.lanyard.kiosk.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * How the kiosk window was started. With nothing given, the kiosk asks staff for everything
 * (first run: PIN, server, pairing code; later: the PIN). The demo passes what it knows:
 * <pre>
 *   --data DIR                    the kiosk's data folder (default ~/.lanyard/kiosk)
 *   --unlock-file FILE            the staff PIN/password in a file (else LANYARD_UNLOCK, else asked)
 * --pair URL CODE               pair with this server on first start (CODE may be the QR's JSON payload: then URL is
 * ignored)
 *   --name NAME                   this kiosk's name when pairing ("Door 1")
 * --printer TARGET --model M --media ID   print to this printer (tcp:HOST:PORT, HOST:PORT, /dev/usb/lp0, /dev/rfcomm0,
 * COM5)
 *   --lang en|ko                  the UI language
 *   --self-service                open in self-service mode
 *   --listen PORT, --peer HOST:PORT   talk to the event's other doors (as {@code door} does)
 * </pre>
 */
public record LaunchOptions(Path dataDir, char[] unlockSecret, String pairUrl, String pairCode, String deviceName,
                            String printerTarget,
                            String printerModel, String printerMedia, UiLanguage language, boolean selfService,
                            Integer peerListen,
                            List<String> peers) {
    public static final String UNLOCK_ENV = "LANYARD_UNLOCK";

    public LaunchOptions {
        peers = peers == null ? List.of() : List.copyOf(peers);
    }

    /** Without peer doors. */
    public LaunchOptions(Path dataDir, char[] unlockSecret, String pairUrl, String pairCode, String deviceName,
                         String printerTarget,
                         String printerModel, String printerMedia, UiLanguage language, boolean selfService) {
        this(dataDir, unlockSecret, pairUrl, pairCode, deviceName, printerTarget, printerModel, printerMedia, language,
                selfService, null,
                List.of());
    }

    /** Whether the window talks to the event's other doors (ADR 0316). */
    public boolean talksToPeers() {
        return peerListen != null || !peers.isEmpty();
    }

    public static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".lanyard", "kiosk");
    }

    /** Parses the arguments; IllegalArgumentException naming the bad one. */
    public static LaunchOptions parse(List<String> args, String unlockEnv) {
        Path data = defaultDataDir();
        char[] secret = unlockEnv == null || unlockEnv.isEmpty() ? null : unlockEnv.toCharArray();
        String url = null;
        String code = null;
        String name = null;
        String printer = null;
        String model = null;
        String media = null;
        UiLanguage lang = null;
        boolean selfService = false;
        Integer listen = null;
        List<String> peers = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--data" -> data = Path.of(value(args, ++i, a));
                case "--unlock-file" -> secret = readSecret(Path.of(value(args, ++i, a)));
                case "--pair" -> {
                    url = value(args, ++i, a);
                    code = value(args, ++i, "--pair URL");
                }
                case "--name" -> name = value(args, ++i, a);
                case "--printer" -> printer = value(args, ++i, a);
                case "--model" -> model = value(args, ++i, a);
                case "--media" -> media = value(args, ++i, a);
                case "--lang" -> lang = UiLanguage.fromCode(value(args, ++i, a));
                case "--self-service" -> selfService = true;
                case "--listen" -> {
                    try {
                        listen = Integer.parseInt(value(args, ++i, a));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--listen needs a port number");
                    }
                }
                case "--peer" -> peers.add(value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option " + a
                        + " (options: --data DIR, --unlock-file FILE, --pair URL CODE, --name NAME, --printer TARGET "
                        + "--model M --media ID,"
                        + " --lang en|ko, --self-service, --listen PORT, --peer HOST:PORT; or 'cli' for the command "
                        + "line)");
            }
        }
        if (printer != null && (model == null || media == null)) {
            throw new IllegalArgumentException("--printer needs --model and --media too");
        }
        if (printer == null && (model != null || media != null)) {
            throw new IllegalArgumentException("--model and --media need --printer");
        }
        dev.lanyard.kiosk.core.peer.PeerNode.Options.addresses(peers);
        return new LaunchOptions(data, secret, url, code, name, printer, model, media, lang, selfService, listen,
                peers);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static char[] readSecret(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw new IllegalArgumentException("the unlock file " + file + " is empty");
            }
            return text.toCharArray();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the unlock file " + file + ": " + e.getMessage());
        }
    }

    public boolean hasSecret() {
        return unlockSecret != null && unlockSecret.length > 0;
    }

    /** A copy of the secret (the kiosk wipes the array it is given). */
    public char[] secretCopy() {
        return unlockSecret == null ? null : Arrays.copyOf(unlockSecret, unlockSecret.length);
    }

    @Override
    public String toString() {
        return "LaunchOptions[data=" + dataDir + ", pair=" + pairUrl + ", printer=" + printerTarget + ", secret="
                + (hasSecret() ? "***" : "none") + "]";
    }
}
