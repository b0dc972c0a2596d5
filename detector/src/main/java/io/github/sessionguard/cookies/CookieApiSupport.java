package io.github.sessionguard.cookies;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.XClass;
import edu.umd.cs.findbugs.ba.XMethod;
import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import edu.umd.cs.findbugs.classfile.Global;
import io.github.sessionguard.catalogue.CookieApi;

/**
 * Which flags an API lets its users set, decided from the classes on the analysis classpath: a finding
 * the user cannot fix with the API at hand is noise (javax {@code Cookie} has no SameSite at all).
 */
final class CookieApiSupport {
    private CookieApiSupport() {
    }

    static boolean supports(CookieApi api, CookieFlag flag) {
        if (flag != CookieFlag.SAME_SITE) {
            return true;
        }
        String setter = api.sameSiteSetter();
        return setter != null && hasMethod(api.cookieType(), setter);
    }

    private static boolean hasMethod(String slashedType, String nameAndDescriptor) {
        int paren = nameAndDescriptor.indexOf('(');
        String name = nameAndDescriptor.substring(0, paren);
        String descriptor = nameAndDescriptor.substring(paren);
        try {
            XClass type = Global.getAnalysisCache().getClassAnalysis(XClass.class,
                    DescriptorFactory.createClassDescriptor(slashedType));
            XMethod method = type.findMethod(name, descriptor, false);
            return method != null;
        } catch (CheckedAnalysisException e) {
            AnalysisContext.reportMissingClass(DescriptorFactory.createClassDescriptor(slashedType));
            return false;
        }
    }
}
