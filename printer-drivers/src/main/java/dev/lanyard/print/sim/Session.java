package dev.lanyard.print.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** One host connection to the simulated printer; runs until the host hangs up. */
interface Session {
    void run(InputStream in, OutputStream out) throws IOException;

    static Session forState(SimulatorState state) {
        return switch (state.model.protocol()) {
            case BROTHER_QL_RASTER -> new BrotherSession(state);
            case DYMO_LW_400 -> new Dymo400Session(state);
            case DYMO_LW_550 -> new Dymo550Session(state);
        };
    }
}
