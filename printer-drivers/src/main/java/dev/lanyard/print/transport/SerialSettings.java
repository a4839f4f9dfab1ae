package dev.lanyard.print.transport;

/**
 * Serial line settings. Bluetooth SPP ignores the baud rate but jSerialComm still needs one.
 * Brother QL serial adapters default to 9600 8N1; SPP links are usually set to 115200.
 */
public record SerialSettings(int baudRate, FlowControl flowControl) {
    /**
     * No XON/XOFF: the line would swallow the printer's status bytes 0x11 and 0x13 and slip them into the raster it
     * is sent, and the QL and LabelWriter protocols are binary through and through.
     */
    public enum FlowControl {
        NONE,
        RTS_CTS
    }

    public SerialSettings {
        if (baudRate < 300 || baudRate > 4_000_000) {
            throw new IllegalArgumentException("baud rate must be 300..4000000, was " + baudRate);
        }
        flowControl = flowControl == null ? FlowControl.NONE : flowControl;
    }

    public static SerialSettings defaults() {
        return new SerialSettings(115_200, FlowControl.NONE);
    }
}
