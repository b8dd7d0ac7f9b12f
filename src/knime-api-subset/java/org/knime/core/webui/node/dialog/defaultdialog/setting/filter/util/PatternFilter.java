package org.knime.core.webui.node.dialog.defaultdialog.setting.filter.util;

import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.knime.node.parameters.persistence.Persistable;

/**
 * KNIME API subset: a column filter's pattern (regular expression or wildcard), matched against the whole column
 * name as KNIME's, persisted by its public fields.
 */
public class PatternFilter implements Persistable {

    public String m_pattern;

    public boolean m_isCaseSensitive;

    public boolean m_isInverted;

    /** Not persisted: private, as KNIME's compiled-pattern cache. */
    private Pattern m_compiled;

    public PatternFilter() {
        m_pattern = "";
    }

    /** The two pattern modes. */
    public enum PatternMode {
        REGEX, WILDCARD;
    }

    public Predicate<String> getIsSelectedPredicate(final PatternMode mode) {
        String cased = m_isCaseSensitive ? m_pattern : m_pattern.toLowerCase(Locale.getDefault());
        Predicate<String> raw = switch (mode) {
            case REGEX -> regex(cased);
            case WILDCARD -> choice -> wildcard(cased).matcher(choice).matches();
        };
        Predicate<String> directed = m_isInverted ? raw.negate() : raw;
        return s -> directed.test(m_isCaseSensitive ? s : s.toLowerCase(Locale.getDefault()));
    }

    private Predicate<String> regex(final String cased) {
        if (cased.isEmpty()) {
            return choice -> false;
        }
        m_compiled = Pattern.compile("^" + cased + "$");
        return m_compiled.asPredicate();
    }

    /** Commons IO's wildcardMatch, as KNIME uses it: '*' any run of characters, '?' one, the rest literal. */
    private static Pattern wildcard(final String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
