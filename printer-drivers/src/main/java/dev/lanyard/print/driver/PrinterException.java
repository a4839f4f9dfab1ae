package dev.lanyard.print.driver;

import dev.lanyard.print.model.HumanMessage;

/**
 * A print or status request failed. Carries the typed problem, a message for staff in English and
 * Korean, and how many pages the printer had reported complete before it failed.
 */
public class PrinterException extends Exception {
    private final PrinterProblem problem;
    private final HumanMessage humanMessage;
    private final int pagesCompleted;
    private final boolean retryable;

    public PrinterException(PrinterProblem problem, HumanMessage humanMessage, int pagesCompleted, Throwable cause) {
        this(problem, humanMessage, pagesCompleted, cause, problem.retryable());
    }

    /** {@code retryable}: against the problem's own rule (a label sent unconfirmed twice is not sent a third time). */
    public PrinterException(PrinterProblem problem, HumanMessage humanMessage, int pagesCompleted, Throwable cause,
                            boolean retryable) {
        super(humanMessage.english(), cause);
        this.problem = problem;
        this.humanMessage = humanMessage;
        this.pagesCompleted = pagesCompleted;
        this.retryable = retryable;
    }

    public PrinterException(PrinterProblem problem, HumanMessage humanMessage, int pagesCompleted) {
        this(problem, humanMessage, pagesCompleted, null);
    }

    public PrinterProblem problem() { return problem; }

    public HumanMessage humanMessage() { return humanMessage; }

    public int pagesCompleted() { return pagesCompleted; }

    public boolean retryable() { return retryable; }
}
