package dev.lanyard.server.report;

import dev.lanyard.print.badge.FontSet;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.TextLayout;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * Arrivals per 15 minutes as a PNG: one panel per event day with arrivals, bars stacked by door, the doors in a
 * legend. Drawn with Java2D on an image (no display needed) in the shipped fonts, so Korean event and door names
 * show on a server without Korean fonts installed.
 */
final class ArrivalsChart {
    static final int WIDTH = 1000;
    private static final int PANEL = 240;
    private static final int TOP = 56;
    private static final int LEFT = 64;
    private static final int RIGHT = 24;
    private static final int LEGEND_ROW = 22;
    private static final int MIN_BUCKETS = 16;
    /**
     * Panels drawn at most: the days with the most arrivals. A panel is a calendar date some door stamped a first
     * admission on, so a door with a wrong clock, or a season's event, asked for hundreds of them (a 350 MB image).
     */
    static final int MAX_DAYS = 14;
    /** Doors named in the legend at most; the rest are drawn together as one. Door ids come from the doors' ops. */
    static final int MAX_DOORS = 24;
    static final String OTHER_DOORS = "\u0000other";
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final FontSet FONTS = FontSet.shared();

    private ArrivalsChart() {
    }

    static byte[] png(EventSummary summary) {
        List<String> doors = doorsShown(summary);
        Map<LocalDate, List<EventSummary.Arrivals>> all = new TreeMap<>();
        summary.arrivals().forEach(a -> all.computeIfAbsent(a.start().toLocalDate(), d -> new ArrayList<>())
                .add(folded(a, doors)));
        Map<LocalDate, List<EventSummary.Arrivals>> byDay = busiest(all);
        int daysLeftOut = all.size() - byDay.size();
        int legendRows = (doors.size() + 3) / 4;
        int height = TOP + Math.max(1, byDay.size()) * PANEL + 16 + legendRows * LEGEND_ROW + 12
                + (daysLeftOut > 0 ? LEGEND_ROW : 0);
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setColor(Color.BLACK);
            text(g, summary.name() + " · 15분별 도착 / arrivals per 15 minutes (" + summary.timezone() + ")", 18, true,
                    LEFT, 30, false);
            if (byDay.isEmpty()) {
                text(g, "체크인 없음 / no check-ins", 16, false, WIDTH / 2f, TOP + PANEL / 2f, true);
            }
            int y = TOP;
            for (Map.Entry<LocalDate, List<EventSummary.Arrivals>> day : byDay.entrySet()) {
                panel(g, day.getKey(), day.getValue(), doors, y);
                y += PANEL;
            }
            Map<String, String> names = new java.util.HashMap<>(summary.doors());
            names.put(OTHER_DOORS, "기타 문 / other doors");
            legend(g, doors, names, y + 16);
            if (daysLeftOut > 0) {
                g.setColor(Color.DARK_GRAY);
                text(g, "+ " + daysLeftOut + "일 더 (도착이 적은 날) / more days with fewer arrivals, not drawn", 12, false,
                        LEFT, y + 16 + legendRows * LEGEND_ROW + 14, false);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The doors with the most arrivals, in the summary's order, and one for all the others when there are more. */
    private static List<String> doorsShown(EventSummary summary) {
        List<String> doors = new ArrayList<>(summary.doors().keySet());
        if (doors.size() <= MAX_DOORS) {
            return doors;
        }
        Map<String, Integer> arrived = new java.util.HashMap<>();
        summary.arrivals().forEach(a -> a.byDoor().forEach((door, n) -> arrived.merge(door, n, Integer::sum)));
        List<String> busiest = doors.stream().sorted(java.util.Comparator.comparing(
                (String door) -> arrived.getOrDefault(door, 0)).reversed()).limit(MAX_DOORS - 1).toList();
        List<String> shown = new ArrayList<>(doors);
        shown.retainAll(busiest);
        shown.add(OTHER_DOORS);
        return shown;
    }

    /** The bucket with every door not shown counted as the other doors. */
    private static EventSummary.Arrivals folded(EventSummary.Arrivals a, List<String> doors) {
        if (!doors.contains(OTHER_DOORS)) {
            return a;
        }
        Map<String, Integer> byDoor = new java.util.HashMap<>();
        a.byDoor().forEach((door, n) -> byDoor.merge(doors.contains(door) ? door : OTHER_DOORS, n, Integer::sum));
        return new EventSummary.Arrivals(a.start(), byDoor);
    }

    /** The {@link #MAX_DAYS} days with the most arrivals, in date order. */
    private static Map<LocalDate, List<EventSummary.Arrivals>> busiest(
            Map<LocalDate, List<EventSummary.Arrivals>> days) {
        if (days.size() <= MAX_DAYS) {
            return days;
        }
        Map<LocalDate, Integer> arrived = new java.util.HashMap<>();
        days.forEach((day, buckets) -> arrived.put(day, buckets.stream().mapToInt(EventSummary.Arrivals::total).sum()));
        Map<LocalDate, List<EventSummary.Arrivals>> kept = new TreeMap<>();
        days.keySet().stream().sorted(java.util.Comparator.comparing((LocalDate day) -> arrived.get(day)).reversed())
                .limit(MAX_DAYS).forEach(day -> kept.put(day, days.get(day)));
        return kept;
    }

    /** One day: y axis of counts, x axis of 15-minute buckets from its first to its last arrival. */
    private static void panel(Graphics2D g, LocalDate day, List<EventSummary.Arrivals> arrivals, List<String> doors,
                              int top) {
        LocalDateTime first = arrivals.get(0).start();
        LocalDateTime last = arrivals.get(arrivals.size() - 1).start();
        int buckets = (int) (java.time.Duration.between(first, last).toMinutes() / EventSummary.BUCKET_MINUTES) + 1;
        Map<LocalDateTime, EventSummary.Arrivals> at = new TreeMap<>();
        int max = 1;
        for (EventSummary.Arrivals a : arrivals) {
            at.put(a.start(), a);
            max = Math.max(max, a.total());
        }
        int scale = niceCeiling(max);
        int plotTop = top + 28;
        int plotBottom = top + PANEL - 40;
        int plotWidth = WIDTH - LEFT - RIGHT;
        // at least four hours across, so a few buckets are bars and not blocks
        int span = Math.max(buckets, MIN_BUCKETS);
        double barWidth = (double) plotWidth / span;
        g.setColor(Color.BLACK);
        text(g, day.toString() + " (" + day.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT,
                java.util.Locale.KOREAN) + ")", 14, true, LEFT, top + 18, false);
        for (int tick = 0; tick <= 4; tick++) {
            int value = scale * tick / 4;
            int y = plotBottom - (plotBottom - plotTop) * tick / 4;
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT, y, WIDTH - RIGHT, y);
            g.setColor(Color.DARK_GRAY);
            text(g, Integer.toString(value), 11, false, LEFT - 8 - width(Integer.toString(value), 11), y + 4, false);
        }
        for (int i = 0; i < buckets; i++) {
            LocalDateTime start = first.plusMinutes((long) i * EventSummary.BUCKET_MINUTES);
            EventSummary.Arrivals a = at.get(start);
            double x = LEFT + i * barWidth;
            if (a != null) {
                double y = plotBottom;
                for (int d = 0; d < doors.size(); d++) {
                    int n = a.byDoor().getOrDefault(doors.get(d), 0);
                    double h = (double) n * (plotBottom - plotTop) / scale;
                    g.setColor(PALETTE[d % PALETTE.length]);
                    g.fill(new java.awt.geom.Rectangle2D.Double(x + 1, y - h, Math.max(1, barWidth - 2), h));
                    y -= h;
                }
            }
        }
        int every = Math.max(1, (int) Math.ceil(44 / barWidth));
        g.setColor(Color.DARK_GRAY);
        for (int i = 0; i < span; i += every) {
            double x = LEFT + i * barWidth;
            g.drawLine((int) x, plotBottom, (int) x, plotBottom + 4);
            text(g, TIME.format(first.plusMinutes((long) i * EventSummary.BUCKET_MINUTES)), 11, false, (float) x,
                    plotBottom + 17, false);
        }
        g.setStroke(new BasicStroke(1.5f));
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, plotTop, LEFT, plotBottom);
        g.drawLine(LEFT, plotBottom, WIDTH - RIGHT, plotBottom);
        text(g, "시각 / time", 11, false, WIDTH - RIGHT - width("시각 / time", 11), plotBottom + 32, false);
        text(g, "명 / people", 11, false, 8, plotTop - 8, false);
    }

    private static void legend(Graphics2D g, List<String> doors, Map<String, String> names, int top) {
        int column = (WIDTH - LEFT) / 4;
        for (int d = 0; d < doors.size(); d++) {
            int x = LEFT + (d % 4) * column;
            int y = top + (d / 4) * LEGEND_ROW;
            g.setColor(PALETTE[d % PALETTE.length]);
            g.fillRect(x, y, 14, 14);
            g.setColor(Color.BLACK);
            text(g, names.getOrDefault(doors.get(d), doors.get(d)), 12, false, x + 20, y + 12, false);
        }
    }

    /** The top of the y axis: four ticks of 1, 2 or 5 times a power of ten, the first such at or above {@code max}. */
    static int niceCeiling(int max) {
        for (int power = 1; ; power *= 10) {
            for (int step : new int[] {1, 2, 5}) {
                if (step * power * 4 >= max) {
                    return step * power * 4;
                }
            }
        }
    }

    private static void text(Graphics2D g, String s, float size, boolean bold, float x, float y, boolean centered) {
        TextLayout layout = new TextLayout(FONTS.attributed(s, bold, size).getIterator(), g.getFontRenderContext());
        float left = centered ? x - layout.getAdvance() / 2 : x;
        layout.draw(g, left, y);
    }

    private static float width(String s, float size) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            return new TextLayout(FONTS.attributed(s, false, size).getIterator(), g.getFontRenderContext())
                    .getAdvance();
        } finally {
            g.dispose();
        }
    }
}
