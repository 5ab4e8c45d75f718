package io.tabsynth.engine.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.lineage.Dsse;
import io.tabsynth.spi.Result;
import java.util.Map;

/** An evaluator's {@link Result} as report JSON: {@code score} first, then its details, then its parts as objects. */
final class ResultJson {
    private ResultJson() {
    }

    static ObjectNode of(Result r) {
        ObjectNode o = Dsse.JSON.createObjectNode();
        if (r.score() == null) {
            o.putNull("score");
        } else {
            o.put("score", r.score());
        }
        for (Map.Entry<String, Object> e : r.details().entrySet()) {
            o.set(e.getKey(), Dsse.JSON.valueToTree(e.getValue()));
        }
        for (Map.Entry<String, Result> e : r.parts().entrySet()) {
            o.set(e.getKey(), of(e.getValue()));
        }
        return o;
    }
}
