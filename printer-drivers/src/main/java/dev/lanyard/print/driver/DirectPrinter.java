package dev.lanyard.print.driver;

import dev.lanyard.print.media.Media;
import dev.lanyard.print.model.EncodedJob;
import dev.lanyard.print.model.HumanMessage;
import dev.lanyard.print.model.PrinterModel;
import dev.lanyard.print.transport.PortUnavailableException;
import dev.lanyard.print.transport.Transport;
import dev.lanyard.print.transport.TransportException;
import dev.lanyard.print.transport.TransportTimeoutException;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * One printer: how to reach it and how patient to be. Jobs arrive already encoded, so a bad badge
 * never opens the port and nothing is half-sent.
 */
public final class DirectPrinter {
    private final PrinterModel model;
    private final Media media;
    private final Supplier<Transport> connector;
    private final RunSettings settings;

    public DirectPrinter(PrinterModel model, Media media, Supplier<Transport> connector, RunSettings settings) {
        this.model = model;
        this.media = model.fit(media);
        this.connector = connector;
        this.settings = settings;
    }

    public PrinterModel model() { return model; }

    public Media media() { return media; }

    public void print(EncodedJob job, IntConsumer pageDone) throws PrinterException {
        print(job, pageDone, PrinterActivity.NONE);
    }

    /** As above, telling {@code activity} when the printer pauses to cool its head and resumes. */
    public void print(EncodedJob job, IntConsumer pageDone, PrinterActivity activity) throws PrinterException {
        if (job.model() != model || !job.mediaId().equals(media.id())) {
            throw new IllegalArgumentException("job was encoded for " + job.model() + " / " + job.mediaId()
                    + ", this printer is " + model + " / " + media.id());
        }
        try (Transport transport = open(0)) {
            new JobRunner(settings).run(job, media, transport, pageDone, activity);
        }
    }

    /** Asks the printer for its status and explains it, checking the loaded roll against this printer's media. */
    public StatusReport status() throws PrinterException {
        return status(media);
    }

    /** The roll the printer reports loaded (or that it cannot tell). */
    public LoadedRoll loadedRoll() throws PrinterException {
        return status(null).loaded();
    }

    /** Asks the printer for its status; {@code wanted} null skips the roll check. */
    public StatusReport status(Media wanted) throws PrinterException {
        try (Transport transport = open(0)) {
            if (!transport.canRead()) {
                throw new PrinterException(PrinterProblem.UNREACHABLE, new HumanMessage(
                        transport.description() + " cannot read replies", transport.description()
                        + "에서는 응답을 읽을 수 없습니다"), 0);
            }
            transport.write(BadgeEncoder.statusRequest(model));
            byte[] reply = transport.readFully(BadgeEncoder.statusLength(model), settings.statusTimeout());
            try {
                return StatusInterpreter.interpret(model, reply, wanted);
            } catch (IllegalArgumentException e) {
                throw JobRunner.notAStatus(e, 0); // the reply's, not the settings' (a bad target fails as before)
            }
        } catch (TransportTimeoutException e) {
            throw new PrinterException(PrinterProblem.TIMEOUT, PrinterProblem.TIMEOUT.message(), 0, e);
        } catch (TransportException e) {
            throw new PrinterException(PrinterProblem.CONNECTION_LOST,
                    new HumanMessage(e.getMessage(), "프린터 연결 오류: " + e.getMessage()), 0, e);
        }
    }

    private Transport open(int completed) throws PrinterException {
        try {
            return connector.get();
        } catch (PortUnavailableException e) {
            throw JobRunner.unreachable(e, completed);
        } catch (TransportException e) {
            throw new PrinterException(PrinterProblem.CONNECTION_LOST,
                    new HumanMessage(e.getMessage(), "프린터 연결 오류: " + e.getMessage()), completed, e);
        }
    }
}
