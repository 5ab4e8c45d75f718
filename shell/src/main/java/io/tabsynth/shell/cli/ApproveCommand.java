package io.tabsynth.shell.cli;

import io.tabsynth.engine.certify.Certifier;
import io.tabsynth.engine.governance.Charter;
import io.tabsynth.engine.governance.Plan;
import io.tabsynth.engine.governance.Quorum;
import io.tabsynth.engine.governance.ReleaseChecksFailed;
import io.tabsynth.engine.governance.RetirementQuorum;
import io.tabsynth.engine.governance.revocation.RetirementRequest;
import io.tabsynth.engine.lineage.SignedDocument;
import io.tabsynth.engine.lineage.SigningKey;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.spi.BadInputException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tabsynth approve FILE}: adds this key's signature, with the time, to a plan, a certificate or a charter. */
@Command(name = "approve", description = "Sign a generation plan (fit --plan-out), a release (a certificate) or a charter "
        + "as an approver: the signature joins the others in the same envelope.")
public final class ApproveCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "plan.json, cert.json or a signed charter")
    Path file;

    @Option(names = "--key", paramLabel = "DIR", description = "key directory to sign with (default: the local key)")
    Path keyDir;

    @Mixin
    TrustOption trust;

    @Mixin
    CharterOption charter;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return ApprovalExit.run(spec, () -> {
            SigningKey key = SigningKeyOption.signingKey(keyDir);
            TrustStore t = trust.store();
            SignedDocument doc = SignedDocument.read(file);
            String what = what(doc);
            var c = charter.read();
            if (c != null && c.charter().approvers().stream().noneMatch(a -> a.keyId().equals(key.keyId()))) {
                throw new BadInputException(file + ": key " + t.name(key.keyId()) + " (" + key.keyId() + ") is not one of "
                        + "the approvers of the charter " + charter.file + "; nothing was written");
            }
            if (c != null && what.equals("release")) {
                ReleaseChecksFailed.refuseIfAny(file.toString(), doc.statement());
            }
            doc.approve(key, Instant.now(), t).write(file);
            var out = spec.commandLine().getOut();
            out.println("approved the " + what + " " + file + " with key " + t.name(key.keyId()) + " (" + key.keyId() + ")");
            if (c != null) {
                Quorum q = Quorum.of(c.charter(), what, doc.verify(t));
                out.println(q.summary());
                if (!q.met()) {
                    out.println("still open: " + q.stillNeeded());
                }
            }
            return 0;
        });
    }

    /** What the document is to a charter's quorum: {@code plan}, {@code release}, {@code charter} or {@code retirement}. */
    private String what(SignedDocument doc) {
        String type = doc.statement().path("predicateType").asText();
        if (Plan.PREDICATE_TYPE.equals(type)) {
            return "plan";
        }
        if (Certifier.PREDICATE_TYPE.equals(type)) {
            return "release";
        }
        if (Charter.PREDICATE_TYPE.equals(type)) {
            return "charter";
        }
        if (RetirementRequest.PREDICATE_TYPE.equals(type)) {
            return RetirementQuorum.WHAT;
        }
        throw new BadInputException(file + ": " + type + " is neither a plan, a certificate, a charter nor a retirement "
                + "request");
    }
}
