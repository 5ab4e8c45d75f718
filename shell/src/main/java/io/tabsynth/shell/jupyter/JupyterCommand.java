package io.tabsynth.shell.jupyter;

import io.tabsynth.engine.run.Engine;
import io.tabsynth.shell.cli.EngineOptions;
import io.tabsynth.shell.workbench.Workbench;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.JsonInput;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tabsynth jupyter}: installs and removes the kernelspec of tabsynth's Jupyter kernel, says where it is
 * and how to start JupyterLab with it; {@code tabsynth jupyter kernel} is the kernel itself, as Jupyter starts it.
 */
@Command(name = JupyterCommand.NAME, description = "Jupyter: install tabsynth's kernel \"" + KernelSpec.DISPLAY_NAME
        + "\" and see where it is and how to start JupyterLab with it.",
        subcommands = {JupyterCommand.Install.class, JupyterCommand.Uninstall.class, JupyterCommand.Kernel.class})
public final class JupyterCommand implements Callable<Integer> {
    /** The command's name. */
    public static final String NAME = "jupyter";
    /** The subcommand Jupyter runs to start the kernel. */
    static final String KERNEL = "kernel";
    /** The notebook the hint opens. */
    static final String QUICKSTART = "notebooks/quickstart.ipynb";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> installed = KernelSpec.installed();
        if (installed.isEmpty()) {
            out.println("The Jupyter kernel \"" + KernelSpec.DISPLAY_NAME + "\" is not installed where Jupyter looks ("
                    + KernelSpec.userDataDirectory() + ", JUPYTER_PATH or the system's folders).");
            out.println("Install it with: " + command() + " jupyter install --user");
        } else {
            out.println("The Jupyter kernel \"" + KernelSpec.DISPLAY_NAME + "\" is installed in " + installed.get(0));
            installed.subList(1, installed.size()).forEach(p -> out.println("  (also in " + p + ", which Jupyter uses after the first)"));
        }
        out.println("Start JupyterLab with it: jupyter lab " + QUICKSTART);
        out.println("(JupyterLab: 'pip install jupyterlab'; Debian's jupyter-notebook package gives 'jupyter notebook', "
                + "which takes the kernel too)");
        return 0;
    }

    static String command() {
        return System.getProperty("tabsynth.command", "tabsynth");
    }

    /** Where a kernelspec goes: the user's Jupyter folder (the default), a prefix, or the current Python's. */
    static final class Location {
        @Option(names = "--user", description = "the user's Jupyter data folder (the default)")
        boolean user;

        @Option(names = "--prefix", paramLabel = "DIR", description = "DIR/share/jupyter (for jupyter's --prefix or JUPYTER_PATH=DIR/share/jupyter)")
        Path prefix;

        @Option(names = "--sys-prefix", description = "the share/jupyter folder of the python3 on the PATH (a virtual environment's)")
        boolean sysPrefix;

        static Path of(Location l) {
            if (l == null || l.user) {
                return KernelSpec.userDataDirectory();
            }
            if (l.prefix != null) {
                return KernelSpec.ofPrefix(l.prefix);
            }
            return KernelSpec.ofPrefix(PythonPrefix.find());
        }
    }

    /** Writes the kernelspec. */
    @Command(name = "install", description = "Install the kernelspec \"" + KernelSpec.DISPLAY_NAME + "\" so that "
            + "Jupyter and JupyterLab can start tabsynth's kernel (replaces an earlier one).")
    static final class Install implements Callable<Integer> {
        @ArgGroup(exclusive = true, multiplicity = "0..1")
        Location location;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Path folder = KernelSpec.install(Location.of(location));
            PrintWriter out = spec.commandLine().getOut();
            out.println("installed the Jupyter kernel \"" + KernelSpec.DISPLAY_NAME + "\" in " + folder);
            out.println("start JupyterLab with it: jupyter lab " + QUICKSTART);
            return 0;
        }
    }

    /** Removes the kernelspec. */
    @Command(name = "uninstall", description = "Remove the kernelspec \"" + KernelSpec.DISPLAY_NAME + "\".")
    static final class Uninstall implements Callable<Integer> {
        @ArgGroup(exclusive = true, multiplicity = "0..1")
        Location location;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Path data = Location.of(location);
            PrintWriter out = spec.commandLine().getOut();
            if (KernelSpec.uninstall(data)) {
                out.println("removed the Jupyter kernel \"" + KernelSpec.DISPLAY_NAME + "\" from " + KernelSpec.folder(data));
            } else {
                out.println("no tabsynth kernel in " + KernelSpec.folder(data) + "; nothing to remove");
            }
            return 0;
        }
    }

    /** The kernel: serves the connection Jupyter describes in its connection file until Jupyter shuts it down. */
    @Command(name = KERNEL, hidden = true, description = "Run the Jupyter kernel (Jupyter starts this).")
    static final class Kernel implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Parameters(index = "0", paramLabel = "CONNECTION.json", description = "the connection file Jupyter wrote")
        Path connectionFile;

        @Override
        public Integer call() throws Exception {
            JsonInput.read(connectionFile, "Jupyter connection file"); // a missing or broken file is named as such
            KernelConnectionProperties properties = KernelConnectionProperties.parse(Files.readString(connectionFile));
            if (properties.getShellPort() <= 0 || properties.getKey() == null) {
                throw new BadInputException(connectionFile + ": not a Jupyter connection file (it needs shell_port and key)");
            }
            try (Engine e = engine.open()) {
                Workbench.open(e, List.of(), Path.of(""));
                TabsynthKernel kernel = TabsynthKernel.start();
                kernel.serve(new JupyterConnection(properties));
            }
            return 0;
        }
    }
}
