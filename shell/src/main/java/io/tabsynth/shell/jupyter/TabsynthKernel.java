package io.tabsynth.shell.jupyter;

import io.tabsynth.engine.EngineVersion;
import io.tabsynth.shell.notebook.Rich;
import io.tabsynth.shell.workbench.Session;
import io.tabsynth.shell.workbench.Workbench;
import io.tabsynth.spi.Progress;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * tabsynth's Jupyter kernel: cells run in the same JShell session the notebook runner uses (tabsynth's engine,
 * plugins and workbench API on the class path, the workbench's imports preloaded), behind JJava's implementation
 * of Jupyter's messaging protocol. A cell's last value is shown as the runner shows it (frames, samples, reports,
 * verifications and lineage trees with an HTML view); printed text streams to the notebook as it is printed; fits
 * show a progress bar under the cell; a failing cell is an error saying what went wrong and on which line.
 */
public final class TabsynthKernel extends BaseKernel {
    /** The kernel's name in kernel_info and the kernelspec's directory name. */
    public static final String NAME = "tabsynth";

    private final Session session;

    private TabsynthKernel(Builder b) {
        super(b.name(), b.version(), languageInfo(), List.of(), b.history(), b.io(), b.comms(), b.renderer(), null,
                b.magics(), false, b.errorStyler());
        // JShell's own streams: with local execution, snippets print through System.out, which the protocol's
        // handler points at the notebook while a cell runs; these carry only what JShell itself says
        this.session = new Session(new PrintStream(new Forward(true), true, StandardCharsets.UTF_8),
                new PrintStream(new Forward(false), true, StandardCharsets.UTF_8));
        Workbench.showProgress(new CellProgress(io.display));
    }

    /** Builds the kernel: JShell starts here (a second or two). */
    public static TabsynthKernel start() {
        return new Builder().name(NAME).version(EngineVersion.get()).build();
    }

    /** Serves the connection Jupyter gave until Jupyter asks the kernel to shut down. */
    public void serve(JupyterConnection connection) {
        becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        session.close();
    }

    private static LanguageInfo languageInfo() {
        return new LanguageInfo("Java", System.getProperty("java.version"), "text/x-java-source", ".jshell", "java",
                "java", "script");
    }

    @Override
    public Object evalRaw(String source) {
        Object[] last = new Object[2];
        Session.Failure failure = session.run(source, 1, (snippet, value, object) -> {
            last[0] = value;
            last[1] = object;
        });
        System.out.flush();
        System.err.flush();
        if (failure != null) {
            throw new CellError(failure);
        }
        Rich.Rendering shown = Rich.render((String) last[0], last[1]);
        if (shown == null) {
            return null;
        }
        DisplayData data = new DisplayData(shown.plain());
        if (shown.html() != null) {
            data.putHTML(shown.html());
        }
        return data;
    }

    @Override
    public List<String> formatError(Throwable e) {
        if (e instanceof CellError c) {
            return c.lines(errorStyler);
        }
        return errorStyler.secondaryLines("the kernel failed: " + e.getMessage());
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        String text = session.documentation(code, at, extraDetail);
        return text.isEmpty() ? null : new DisplayData(text);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        Session.Completions c = session.complete(code, at);
        return new ReplacementOptions(c.candidates(), c.start(), at);
    }

    @Override
    public String isComplete(String code) {
        SourceCodeAnalysis.Completeness c = session.completeness(code);
        if (c == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE) {
            return "";
        }
        if (c == SourceCodeAnalysis.Completeness.UNKNOWN) {
            return IS_COMPLETE_BAD;
        }
        return IS_COMPLETE_YES;
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        Workbench.showProgress(Progress.NONE);
        super.onShutdown(isRestarting);
    }

    /** Writes to whatever System.out (or System.err) is at the time, so JShell's messages reach the cell. */
    private static final class Forward extends OutputStream {
        private final boolean out;

        Forward(boolean out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            (out ? System.out : System.err).write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            (out ? System.out : System.err).write(b, off, len);
        }

        @Override
        public void flush() {
            (out ? System.out : System.err).flush();
        }
    }

    /** JJava's builder, giving the kernel its protocol parts. */
    private static final class Builder extends BaseKernelBuilder<Builder, TabsynthKernel> {
        @Override
        public TabsynthKernel build() {
            return new TabsynthKernel(this);
        }

        String name() {
            return buildName();
        }

        String version() {
            return buildVersion();
        }

        org.dflib.jjava.jupyter.kernel.history.HistoryManager history() {
            return buildHistoryManager();
        }

        org.dflib.jjava.jupyter.kernel.JupyterIO io() {
            return buildJupyterIO(buildJupyterIOEncoding());
        }

        org.dflib.jjava.jupyter.kernel.comm.CommManager comms() {
            return buildCommManager();
        }

        org.dflib.jjava.jupyter.kernel.display.Renderer renderer() {
            return buildRenderer();
        }

        org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry magics() {
            return buildMagicsRegistry();
        }

        org.dflib.jjava.jupyter.kernel.util.StringStyler errorStyler() {
            return buildErrorStyler();
        }
    }
}
