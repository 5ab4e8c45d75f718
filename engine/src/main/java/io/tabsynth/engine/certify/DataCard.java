package io.tabsynth.engine.certify;

import java.util.ArrayList;
import java.util.List;

/**
 * A data card: a title and sections of paragraphs and key-value rows, rendered as Markdown or as one
 * self-contained HTML page. The sections tabsynth fills follow EU AI Act Article 10(2) (see {@link Certifier}).
 */
public final class DataCard {
    /** A section: heading, paragraphs, then rows of (label, value); level 2, or 3 for a part of the section before. */
    public record Section(int level, String heading, List<String> paragraphs, List<String[]> rows) {
    }

    private static final int SECTION = 2;
    private static final int PART = 3;

    private final String title;
    private final List<Section> sections = new ArrayList<>();

    public DataCard(String title) {
        this.title = title;
    }

    public DataCard section(String heading, List<String> paragraphs, List<String[]> rows) {
        sections.add(new Section(SECTION, heading, List.copyOf(paragraphs), List.copyOf(rows)));
        return this;
    }

    /** A part of the section added last, under a heading of its own. */
    public DataCard part(String heading, List<String> paragraphs) {
        sections.add(new Section(PART, heading, List.copyOf(paragraphs), List.of()));
        return this;
    }

    public List<Section> sections() {
        return sections;
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
        for (Section s : sections) {
            sb.append("#".repeat(s.level())).append(' ').append(s.heading()).append("\n\n");
            for (String p : s.paragraphs()) {
                sb.append(p).append("\n\n");
            }
            if (!s.rows().isEmpty()) {
                sb.append("| | |\n|---|---|\n");
                for (String[] r : s.rows()) {
                    sb.append("| ").append(cell(r[0])).append(" | ").append(cell(r[1])).append(" |\n");
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    public String html() {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title)).append("</title><style>body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;"
                        + "padding:0 1em;line-height:1.5}table{border-collapse:collapse}td{border:1px solid #ccc;padding:.2em .6em;"
                        + "vertical-align:top}td:first-child{font-weight:600}code{font-size:.9em}</style></head><body>\n<h1>")
                .append(esc(title)).append("</h1>\n");
        for (Section s : sections) {
            sb.append("<h").append(s.level()).append('>').append(esc(s.heading())).append("</h").append(s.level())
                    .append(">\n");
            for (String p : s.paragraphs()) {
                sb.append("<p>").append(esc(p)).append("</p>\n");
            }
            if (!s.rows().isEmpty()) {
                sb.append("<table>\n");
                for (String[] r : s.rows()) {
                    sb.append("<tr><td>").append(esc(r[0])).append("</td><td>").append(esc(r[1])).append("</td></tr>\n");
                }
                sb.append("</table>\n");
            }
        }
        return sb.append("</body></html>\n").toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
