package io.tabsynth.shell.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An executed notebook as one self-contained HTML page: Markdown cells rendered (headings, paragraphs, lists,
 * inline code, links), code cells with their outputs (text, HTML tables and plots, errors).
 */
public final class NotebookHtml {
    private NotebookHtml() {
    }

    /** The notebook as one self-contained HTML page. */
    public static String render(Notebook nb, String fallbackTitle) {
        String title = nb.title(fallbackTitle);
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(Rich.esc(title)).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;max-width:72em;margin:2em auto;padding:0 1em;color:#222}")
                .append("pre{background:#f6f8fa;padding:.6em;overflow-x:auto;border-radius:4px}")
                .append("pre.code{border-left:3px solid #0969da}pre.error{background:#fdecea;color:#c62828}")
                .append("table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:.2em .5em;font-size:.9em}")
                .append("caption{text-align:left;color:#555}.count{color:#888;font-size:.8em}svg{max-width:100%;height:auto}")
                .append("</style></head><body>\n");
        for (ObjectNode cell : nb.cells()) {
            String src = Notebook.source(cell);
            if (cell.path("cell_type").asText().equals("markdown")) {
                h.append(markdown(src));
                continue;
            }
            if (!cell.path("cell_type").asText().equals("code")) {
                continue;
            }
            JsonNode count = cell.path("execution_count");
            h.append("<div class=\"count\">In [").append(count.isNumber() ? count.asText() : " ").append("]</div>")
                    .append("<pre class=\"code\">").append(Rich.esc(src)).append("</pre>\n");
            for (JsonNode out : cell.path("outputs")) {
                switch (out.path("output_type").asText()) {
                    case "stream":
                        h.append("<pre>").append(Rich.esc(join(out.path("text")))).append("</pre>\n");
                        break;
                    case "error":
                        h.append("<pre class=\"error\">").append(Rich.esc(out.path("ename").asText() + ": "
                                + out.path("evalue").asText())).append("</pre>\n");
                        break;
                    default: {
                        JsonNode data = out.path("data");
                        if (data.has("text/html")) {
                            h.append("<div>").append(join(data.path("text/html"))).append("</div>\n");
                        } else if (data.has("image/svg+xml")) {
                            h.append("<div>").append(join(data.path("image/svg+xml"))).append("</div>\n");
                        } else {
                            h.append("<pre>").append(Rich.esc(join(data.path("text/plain")))).append("</pre>\n");
                        }
                    }
                }
            }
        }
        return h.append("</body></html>\n").toString();
    }

    private static String join(JsonNode text) {
        if (text.isArray()) {
            StringBuilder b = new StringBuilder();
            text.forEach(t -> b.append(t.asText()));
            return b.toString();
        }
        return text.asText();
    }

    /** A small Markdown subset: # headings, - and * lists, blank-line paragraphs, `code`, [text](url), **bold**. */
    static String markdown(String md) {
        StringBuilder h = new StringBuilder();
        boolean list = false;
        StringBuilder para = new StringBuilder();
        for (String raw : (md + "\n").split("\n", -1)) {
            String line = raw.stripTrailing();
            boolean item = line.startsWith("- ") || line.startsWith("* ");
            if (line.isBlank() || line.startsWith("#") || item) {
                if (para.length() > 0) {
                    h.append("<p>").append(inline(para.toString().trim())).append("</p>\n");
                    para.setLength(0);
                }
            }
            if (!item && list && (line.isBlank() || line.startsWith("#"))) {
                h.append("</ul>\n");
                list = false;
            }
            if (line.startsWith("#")) {
                int level = Math.min(6, line.indexOf(' ') > 0 ? line.indexOf(' ') : 1);
                h.append("<h").append(level).append('>').append(inline(line.substring(level).trim())).append("</h")
                        .append(level).append(">\n");
            } else if (item) {
                if (!list) {
                    h.append("<ul>\n");
                    list = true;
                }
                h.append("<li>").append(inline(line.substring(2))).append("</li>\n");
            } else if (!line.isBlank()) {
                para.append(line).append(' ');
            }
        }
        if (list) {
            h.append("</ul>\n");
        }
        return h.toString();
    }

    private static String inline(String s) {
        return Rich.esc(s).replaceAll("`([^`]+)`", "<code>$1</code>").replaceAll("\\*\\*([^*]+)\\*\\*", "<b>$1</b>")
                .replaceAll("\\[([^\\]]+)\\]\\(([^)\\s]+)\\)", "<a href=\"$2\">$1</a>");
    }
}
