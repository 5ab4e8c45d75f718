package io.tabsynth.engine.certify;

import java.util.List;

/**
 * What a charter declares about what its data is for, as a data card uses it.
 *
 * @param name          the charter's name
 * @param purpose       its purpose (may be blank)
 * @param approvedUses  the uses it approves
 * @param audiences     whom the data is for
 */
public record CharterWords(String name, String purpose, List<String> approvedUses, List<String> audiences) {
    public CharterWords {
        approvedUses = approvedUses.stream().filter(u -> !u.isBlank()).toList();
        audiences = audiences.stream().filter(a -> !a.isBlank()).toList();
    }
}
