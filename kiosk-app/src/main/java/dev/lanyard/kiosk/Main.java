package dev.lanyard.kiosk;

import dev.lanyard.kiosk.cli.HeadlessDoor;
import dev.lanyard.kiosk.cli.KioskCli;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * The jar's entry point: {@code cli ...} runs the headless command line, {@code door ...} a
 * headless door ({@link HeadlessDoor}); anything else starts
 * the JavaFX kiosk UI ({@value #UI_MAIN}), which is looked up by name so that the core and the
 * CLI do not depend on JavaFX.
 */
public final class Main {
    static final String UI_MAIN = "dev.lanyard.kiosk.ui.shell.KioskUi";

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("cli")) {
            System.exit(KioskCli.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("door")) {
            System.exit(HeadlessDoor.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        System.exit(launchUi(args));
    }

    static int launchUi(String[] args) {
        Optional<String> certain = WindowTrouble.beforeLaunch(System.getenv(), System.getProperty("os.name", ""));
        if (certain.isPresent()) {
            System.err.println(certain.get());
            return 1;
        }
        Method main;
        try {
            main = Class.forName(UI_MAIN).getMethod("main", String[].class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            System.err.println(
                    "The kiosk UI is not part of this build. Use the command line: java -jar lanyard-kiosk.jar cli "
                    + "--help");
            return 2;
        }
        try {
            main.invoke(null, (Object) args);
            return 0;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(UI_MAIN + ".main is not public", e);
        } catch (InvocationTargetException e) {
            Optional<String> advice = WindowTrouble.explain(e.getCause());
            if (advice.isEmpty()) {
                throw new IllegalStateException("the kiosk UI failed", e.getCause());
            }
            System.err.println(advice.get());
            System.err.println(WindowTrouble.PREFIX + "(JavaFX said: " + e.getCause() + ")");
            return 1;
        }
    }
}
