package org.knime.node.parameters.validation;

/** KNIME API subset: a validation the dialog applies itself. */
public interface BuiltinValidation {
}
