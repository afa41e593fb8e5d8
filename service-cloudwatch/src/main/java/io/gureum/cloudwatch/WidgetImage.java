package io.gureum.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

/**
 * GetMetricWidgetImage: reads the MetricWidget JSON (CloudWatch-Metric-Widget-Structure: {@code metrics}
 * rows {@code [namespace, name, dimName, dimValue, …, {options}]} with "." repeating the row above, or
 * {@code [{"expression": …}]}; {@code start}/{@code end} as ISO durations like {@code -PT3H} or times;
 * {@code period}, {@code stat}, {@code width}, {@code height}, {@code title}) and draws a line graph PNG.
 */
final class WidgetImage {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private WidgetImage() {
    }

    record Widget(List<MetricDataQuery> queries, long start, long end, int width, int height, String title) {

        static Widget parse(String text, long now) {
            JsonNode w;
            try {
                w = JSON.readTree(text);
            } catch (IOException e) {
                throw CloudWatchErrors.invalidValue("The parameter MetricWidget must be valid JSON.");
            }
            if (w == null || !w.path("metrics").isArray() || w.path("metrics").isEmpty()) {
                throw CloudWatchErrors.invalidValue("The parameter MetricWidget must contain a metrics array.");
            }
            int period = w.path("period").asInt(300);
            String stat = w.path("stat").asText("Average");
            List<MetricDataQuery> queries = new ArrayList<>();
            String[] previous = new String[0];
            int n = 0;
            for (JsonNode row : w.path("metrics")) {
                n++;
                JsonNode options = row.size() > 0 && row.get(row.size() - 1).isObject() ? row.get(row.size() - 1)
                        : JSON.createObjectNode();
                String id = options.path("id").asText("m" + n);
                MetricDataQuery.Builder q = MetricDataQuery.builder().id(id)
                        .returnData(options.path("visible").asBoolean(true));
                if (options.has("label")) {
                    q.label(options.get("label").asText());
                }
                if (options.has("expression")) {
                    queries.add(q.expression(options.get("expression").asText()).build());
                    continue;
                }
                int fields = options.isEmpty() && !row.get(row.size() - 1).isObject() ? row.size() : row.size() - 1;
                String[] parts = new String[fields];
                for (int i = 0; i < fields; i++) {
                    String v = row.get(i).asText();
                    parts[i] = ".".equals(v) && i < previous.length ? previous[i] : v;
                }
                previous = parts;
                if (parts.length < 2) {
                    throw CloudWatchErrors.invalidValue("The parameter MetricWidget has an invalid metrics row.");
                }
                List<Dimension> dims = new ArrayList<>();
                for (int i = 2; i + 1 < parts.length; i += 2) {
                    dims.add(Dimension.builder().name(parts[i]).value(parts[i + 1]).build());
                }
                queries.add(q.metricStat(MetricStat.builder()
                        .metric(Metric.builder().namespace(parts[0]).metricName(parts[1]).dimensions(dims).build())
                        .period(options.path("period").asInt(period)).stat(options.path("stat").asText(stat)).build())
                        .build());
            }
            long start = time(w.path("start").asText("-PT3H"), now);
            long end = time(w.path("end").asText("P0D"), now);
            return new Widget(queries, start, end, w.path("width").asInt(600), w.path("height").asInt(395),
                    w.path("title").asText(""));
        }

        private static long time(String text, long now) {
            try {
                if (text.startsWith("-P") || text.startsWith("P")) {
                    Duration d = text.contains("T") ? Duration.parse(text)
                            : Duration.ofDays(java.time.Period.parse(text).getDays());
                    return now + (text.startsWith("-") ? -Math.abs(d.toMillis()) : d.toMillis());
                }
                return Instant.parse(text).toEpochMilli();
            } catch (RuntimeException e) {
                throw CloudWatchErrors.invalidValue("The parameter MetricWidget has an invalid time: " + text);
            }
        }
    }

    static byte[] render(Widget widget, List<QueryResult> results) {
        int w = Math.max(100, Math.min(2000, widget.width()));
        int h = Math.max(100, Math.min(2000, widget.height()));
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int left = 50;
        int right = w - 15;
        int top = widget.title().isEmpty() ? 15 : 35;
        int bottom = h - 45;
        g.setColor(Color.BLACK);
        if (!widget.title().isEmpty()) {
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString(widget.title(), left, 22);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        List<QueryResult> shown = results.stream().filter(QueryResult::returnData).toList();
        for (QueryResult r : shown) {
            for (double v : r.values()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min > max) {
            min = 0;
            max = 1;
        }
        if (min == max) {
            min -= 1;
            max += 1;
        }
        g.setColor(new Color(0xdddddd));
        for (int i = 0; i <= 4; i++) {
            int y = bottom - (bottom - top) * i / 4;
            g.drawLine(left, y, right, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format("%.3g", min + (max - min) * i / 4), 2, y + 4);
            g.setColor(new Color(0xdddddd));
        }
        g.setColor(Color.DARK_GRAY);
        g.drawLine(left, bottom, right, bottom);
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
        long span = Math.max(1, widget.end() - widget.start());
        for (int i = 0; i <= 4; i++) {
            int x = left + (right - left) * i / 4;
            g.drawString(hhmm.format(Instant.ofEpochMilli(widget.start() + span * i / 4)), x - 14, bottom + 14);
        }
        g.setStroke(new BasicStroke(2f));
        int legendX = left;
        for (int s = 0; s < shown.size(); s++) {
            QueryResult r = shown.get(s);
            g.setColor(PALETTE[s % PALETTE.length]);
            int px = -1;
            int py = -1;
            for (int i = 0; i < r.timestamps().length; i++) {
                int x = left + (int) ((r.timestamps()[i] - widget.start()) * (right - left) / span);
                int y = bottom - (int) ((r.values()[i] - min) / (max - min) * (bottom - top));
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                } else {
                    g.fillOval(x - 2, y - 2, 4, 4);
                }
                px = x;
                py = y;
            }
            g.fillRect(legendX, h - 20, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString(r.label(), legendX + 14, h - 11);
            legendX += 24 + g.getFontMetrics().stringWidth(r.label());
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
