package dev.lanyard.print.transport;

/**
 * Serial line settings. Bluetooth SPP ignores the baud rate but jSerialComm still needs one.
 * Brother QL serial adapters default to 9600 8N1; SPP links are usually set to 115200.
 */
public record SerialSettings(int baudRate, FlowControl flowControl) {
    public enum FlowControl {
        NONE,
        RTS_CTS,
        XON_XOFF
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
