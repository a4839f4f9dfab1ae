package dev.lanyard.print.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar lanyard-print.jar}: render, print, status, list, simulate. How staff and
 * support test a printer by hand. Exit codes: 0 fine, 1 printer or connection problem, 2 bad input.
 */
@Command(name = "lanyard-print", mixinStandardHelpOptions = true, version = "lanyard-print 0.1",
        description = "Render badges and talk to Brother QL / Dymo LabelWriter printers directly.",
        subcommands = {RenderCommand.class, PrintCommand.class, StatusCommand.class, ListCommand.class,
        SimulateCommand.class})
public final class LanyardPrint implements Runnable {
    public static final int EXIT_PRINTER = 1;
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs a command line with the given streams; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new LanyardPrint());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return EXIT_BAD_INPUT;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
