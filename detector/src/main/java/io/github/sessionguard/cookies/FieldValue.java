package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import io.github.sessionguard.catalogue.FlagValue;

/**
 * What one field of a builder object holds where its build method is called, read as a call argument is (see
 * {@link CallArguments}): the argument a setter or constructor call passed, a constant the class wrote itself, or
 * something the analysis does not know.
 */
abstract class FieldValue {
    abstract FlagEffect booleanEffect() throws DataflowAnalysisException;

    abstract FlagEffect sameSiteEffect() throws DataflowAnalysisException;

    /** The SameSite text ("" for null), or null when not known. */
    abstract String sameSiteText() throws DataflowAnalysisException;

    abstract String text() throws DataflowAnalysisException;

    /** The parameter of the method reading the builder that the value is, or -1. */
    abstract int parameter() throws DataflowAnalysisException;

    abstract boolean isEmptyText() throws DataflowAnalysisException;

    abstract String secretSource() throws DataflowAnalysisException;

    /**
     * Argument {@code index} of a call that wrote the field (a setter's, a constructor's). Read when asked, so a read
     * may lead into another object's fields and on: nested reads are capped (see {@link CallArguments#nested}).
     */
    static FieldValue argument(CallArguments arguments, int index) {
        return new FieldValue() {
            FlagEffect booleanEffect() throws DataflowAnalysisException {
                return arguments.nested(() -> arguments.booleanArgument(index), FlagEffect.of(FlagValue.UNKNOWN));
            }

            FlagEffect sameSiteEffect() throws DataflowAnalysisException {
                return arguments.nested(() -> arguments.sameSiteArgument(index), FlagEffect.of(FlagValue.UNKNOWN));
            }

            String sameSiteText() throws DataflowAnalysisException {
                return arguments.nested(() -> arguments.sameSiteText(index), null);
            }

            String text() throws DataflowAnalysisException {
                return arguments.nested(() -> arguments.stringArgument(index), null);
            }

            int parameter() throws DataflowAnalysisException {
                return arguments.nested(() -> arguments.parameterOfArgument(index), -1);
            }

            boolean isEmptyText() throws DataflowAnalysisException {
                return arguments.nested(() -> arguments.isEmptyText(index), false);
            }

            String secretSource() throws DataflowAnalysisException {
                return arguments.nested(() -> arguments.secretSourceOf(index), null);
            }
        };
    }

    /**
     * A constant the class itself wrote ({@code private boolean httpOnly = true}), or the field's initial value
     * ({@code null}, {@code 0}): a flag left false by the builder's defaults is missing, as an unset one is.
     */
    static FieldValue constant(Object value) {
        String text = value instanceof String ? (String) value
                : value instanceof BuilderClass.EnumName ? ((BuilderClass.EnumName) value).name : null;
        boolean on = value instanceof Number && ((Number) value).intValue() != 0;
        return new FieldValue() {
            FlagEffect booleanEffect() {
                return FlagEffect.of(on ? FlagValue.SET : FlagValue.MISSING);
            }

            FlagEffect sameSiteEffect() {
                return FlagEffect.of(text == null ? FlagValue.MISSING : CookieCallInterpreter.sameSiteValue(text));
            }

            String sameSiteText() {
                return text == null ? "" : text;
            }

            String text() {
                return value instanceof String ? (String) value : null;
            }

            int parameter() {
                return -1;
            }

            boolean isEmptyText() {
                return value == null || "".equals(value);
            }

            String secretSource() {
                return null;
            }
        };
    }

    /**
     * A field of an object the reading method was handed as its parameter: the parameter number
     * {@code parameter} (see {@link BuilderClass#argumentField}), decided by its callers.
     */
    static FieldValue parameter(int parameter) {
        return new FieldValue() {
            FlagEffect booleanEffect() {
                return FlagEffect.fromParameter(parameter);
            }

            FlagEffect sameSiteEffect() {
                return FlagEffect.fromParameter(parameter);
            }

            String sameSiteText() {
                return null;
            }

            String text() {
                return null;
            }

            int parameter() {
                return parameter;
            }

            boolean isEmptyText() {
                return false;
            }

            String secretSource() {
                return null;
            }
        };
    }

    /** A value the analysis cannot read (computed, or written on some paths only). */
    static final FieldValue UNKNOWN = new FieldValue() {
        FlagEffect booleanEffect() {
            return FlagEffect.of(FlagValue.UNKNOWN);
        }

        FlagEffect sameSiteEffect() {
            return FlagEffect.of(FlagValue.UNKNOWN);
        }

        String sameSiteText() {
            return null;
        }

        String text() {
            return null;
        }

        int parameter() {
            return -1;
        }

        boolean isEmptyText() {
            return false;
        }

        String secretSource() {
            return null;
        }
    };

    /**
     * A value read inside a factory method, in the terms of the call to it: where the factory passed its own parameter
     * on, the call's argument there is the value.
     */
    static FieldValue through(FieldValue inner, CallArguments outer) {
        return new FieldValue() {
            FlagEffect booleanEffect() throws DataflowAnalysisException {
                FlagEffect effect = inner.booleanEffect();
                return covered(effect.parameter()) ? effect.withArgument(outer.booleanArgument(effect.parameter()))
                        : lost(effect);
            }

            FlagEffect sameSiteEffect() throws DataflowAnalysisException {
                FlagEffect effect = inner.sameSiteEffect();
                return covered(effect.parameter()) ? effect.withArgument(outer.sameSiteArgument(effect.parameter()))
                        : lost(effect);
            }

            /** A field of the factory's own receiver that the call does not show stands for no one's choice here. */
            private FlagEffect lost(FlagEffect effect) {
                return BuilderClass.isField(effect.parameter()) ? effect.withParameter(BuilderClass.LOST_FIELD) : effect;
            }

            String sameSiteText() throws DataflowAnalysisException {
                String text = inner.sameSiteText();
                return text != null || !covered(inner.parameter()) ? text : outer.sameSiteText(inner.parameter());
            }

            String text() throws DataflowAnalysisException {
                String text = inner.text();
                return text != null || !covered(inner.parameter()) ? text : outer.stringArgument(inner.parameter());
            }

            int parameter() throws DataflowAnalysisException {
                return covered(inner.parameter()) ? outer.parameterOfArgument(inner.parameter())
                        : BuilderClass.isField(inner.parameter()) ? BuilderClass.LOST_FIELD : -1;
            }

            boolean isEmptyText() throws DataflowAnalysisException {
                return inner.isEmptyText() || covered(inner.parameter()) && outer.isEmptyText(inner.parameter());
            }

            String secretSource() throws DataflowAnalysisException {
                String source = inner.secretSource();
                return source != null || !covered(inner.parameter()) ? source : outer.secretSourceOf(inner.parameter());
            }

            private boolean covered(int parameter) throws DataflowAnalysisException {
                return parameter >= 0 && outer.covers(parameter);
            }
        };
    }
}
