package io.tabsynth.shell.cli;

import io.tabsynth.engine.run.Engine;
import io.tabsynth.shell.notebook.Notebook;
import io.tabsynth.shell.notebook.NotebookRunner;
import io.tabsynth.shell.workbench.Streams;
import io.tabsynth.shell.workbench.Workbench;
import io.tabsynth.spi.io.AtomicFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tabsynth notebook run}: executes a Jupyter notebook headless. */
@Command(name = "notebook", description = "Jupyter notebooks (.ipynb) with Java (JShell) cells.",
        subcommands = {NotebookCommand.Run.class})
public final class NotebookCommand {
    /** Runs the code cells in order and writes the executed notebook and an HTML rendering. */
    @Command(name = "run", description = "Run a notebook's code cells in order (JShell), store their outputs, and "
            + "write the executed notebook and an HTML page. A failing cell stops the run (exit 1), its error stored; "
            + "a run in which a policy gate failed exits 3.")
    public static final class Run implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Parameters(index = "0", paramLabel = "NB.ipynb", description = "the notebook")
        Path notebook;

        @Option(names = "--out", paramLabel = "EXECUTED.ipynb", description = "executed notebook (default: NB.executed.ipynb)")
        Path out;

        @Option(names = "--html", paramLabel = "OUT.html", description = "also render the executed notebook as HTML")
        Path html;

        @Option(names = "--dir", paramLabel = "DIR",
                description = "resolve the notebook's relative file names against DIR (default: the working directory)")
        Path dir = Path.of("");

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Notebook nb = Notebook.read(notebook);
            String name = notebook.getFileName().toString().replaceFirst("\\.ipynb$", "");
            Path executed = out != null ? out : notebook.resolveSibling(name + ".executed.ipynb");
            Inputs.notAnInput(executed, notebook);
            if (html != null) {
                Inputs.notAnInput(html, notebook);
            }
            NotebookRunner.Outcome outcome;
            try (Engine e = engine.open(); Streams io = new Streams(spec.commandLine().getOut(), spec.commandLine().getErr())) {
                Workbench.open(e, List.of(), dir);
                outcome = NotebookRunner.run(nb, io.out());
            }
            byte[] bytes = nb.bytes();
            AtomicFile.write(executed, tmp -> Files.write(tmp, bytes));
            if (html != null) {
                byte[] page = io.tabsynth.shell.notebook.NotebookHtml.render(nb, name).getBytes(StandardCharsets.UTF_8);
                AtomicFile.write(html, tmp -> Files.write(tmp, page));
            }
            var w = spec.commandLine().getOut();
            if (!outcome.ok()) {
                spec.commandLine().getErr().println("error: " + notebook + " cell " + outcome.failedCell() + ", "
                        + outcome.failure() + " (outputs so far in " + executed + ")");
                return 1;
            }
            w.println("ran " + outcome.cells() + " code cells of " + notebook + " into " + executed
                    + (html == null ? "" : " and " + html));
            return EvaluateCommand.gatesOfRun(spec.commandLine().getErr());
        }
    }
}
