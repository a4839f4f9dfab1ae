package dev.lanyard.server.email;

/**
 * One rendered mail: subject, plain text and the HTML made from the same text (every value
 * escaped), plus what goes inline or attached.
 *
 * @param qrText   what the inline QR code encodes (the ticket code), or null for none
 * @param logoPng  the event's badge logo, shown above the text, or null
 * @param ics      the event's calendar file, attached, or null
 */
public record MailContent(String subject, String text, String html, String qrText, byte[] logoPng, byte[] ics) {
    public static final String QR_CID = "ticket-qr@lanyard";
    public static final String LOGO_CID = "logo@lanyard";

    /** HTML from plain text: escaped, blank lines make paragraphs, line breaks stay. */
    public static String html(String lang, String text, String footer, boolean withQr, boolean withLogo) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").append(lang)
                .append("\"><head><meta charset=\"UTF-8\">")
                .append("</head><body style=\"font-family:sans-serif;line-height:1.5;max-width:36em\">\n");
        if (withLogo) {
            b.append("<p><img src=\"cid:").append(LOGO_CID).append("\" alt=\"\" style=\"max-height:64px\"></p>\n");
        }
        for (String paragraph : text.split("\n\n")) {
            b.append("<p>").append(escape(paragraph).replace("\n", "<br>\n")).append("</p>\n");
        }
        if (withQr) {
            b.append("<p><img src=\"cid:").append(QR_CID).append("\" alt=\"QR\" width=\"200\" height=\"200\"></p>\n");
        }
        b.append("<p style=\"color:#666;font-size:smaller\">").append(escape(footer)).append("</p>\n</body></html>\n");
        return b.toString();
    }

    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
