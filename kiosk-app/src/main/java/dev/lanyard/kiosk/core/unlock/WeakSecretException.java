package dev.lanyard.kiosk.core.unlock;

/** A new data folder was not created: its unlock secret is below the minimum of {@link UnlockSecretRule}. */
public final class WeakSecretException extends UnlockException {
    private static final long serialVersionUID = 1L;
    private final UnlockSecretRule.Problem problem;

    public WeakSecretException(UnlockSecretRule.Problem problem) {
        super(problem.english());
        this.problem = problem;
    }

    public UnlockSecretRule.Problem problem() {
        return problem;
    }
}
