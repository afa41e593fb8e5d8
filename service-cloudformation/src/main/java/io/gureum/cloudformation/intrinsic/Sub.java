package io.gureum.cloudformation.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudformation.template.TemplateError;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code Fn::Sub}: {@code ${Name}} is a variable of the map, else a parameter, pseudo parameter or
 * resource ({@code Ref}); {@code ${Resource.Attribute}} is {@code Fn::GetAtt}; {@code ${!Literal}} writes
 * {@code ${Literal}} ("Fn::Sub").
 */
final class Sub {
    private Sub() {
    }

    static String evaluate(JsonNode arg, Resolver resolver, Scope scope) {
        String template;
        JsonNode vars = null;
        if (arg.isTextual()) {
            template = arg.asText();
        } else if (arg.isArray() && arg.size() == 2 && arg.get(0).isTextual() && arg.get(1).isObject()) {
            template = arg.get(0).asText();
            vars = arg.get(1);
        } else {
            throw TemplateError.template("One or more Fn::Sub intrinsic functions don't specify expected arguments."
                    + " Specify a string as first argument, and an optional second argument to specify a mapping of"
                    + " values to replace in the string");
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int start = template.indexOf("${", i);
            if (start < 0) {
                out.append(template, i, template.length());
                break;
            }
            out.append(template, i, start);
            int end = template.indexOf('}', start);
            if (end < 0) {
                out.append(template, start, template.length());
                break;
            }
            String name = template.substring(start + 2, end);
            if (name.startsWith("!")) {
                out.append("${").append(name.substring(1)).append('}');
            } else {
                out.append(variable(name.trim(), vars, resolver, scope));
            }
            i = end + 1;
        }
        return out.toString();
    }

    private static String variable(String name, JsonNode vars, Resolver resolver, Scope scope) {
        if (vars != null && vars.has(name)) {
            return Resolver.scalar(resolver.evaluate(vars.get(name)), name);
        }
        ObjectNode fn = JsonNodeFactory.instance.objectNode();
        int dot = name.indexOf('.');
        if (dot > 0 && scope.parameter(name) == null) {
            fn.set("Fn::GetAtt", JsonNodeFactory.instance.arrayNode().add(name.substring(0, dot))
                    .add(name.substring(dot + 1)));
        } else {
            fn.put("Ref", name);
        }
        return Resolver.scalar(resolver.evaluate(fn), name);
    }

    /** The names {@code ${…}} in a {@code Fn::Sub} string refers to (literals and map variables excluded). */
    static Set<String> references(JsonNode arg) {
        Set<String> refs = new LinkedHashSet<>();
        String template = arg.isTextual() ? arg.asText() : arg.isArray() && arg.size() > 0 ? arg.get(0).asText() : "";
        JsonNode vars = arg.isArray() && arg.size() == 2 ? arg.get(1) : null;
        int i = 0;
        while (true) {
            int start = template.indexOf("${", i);
            int end = start < 0 ? -1 : template.indexOf('}', start);
            if (end < 0) {
                return refs;
            }
            String name = template.substring(start + 2, end).trim();
            if (!name.startsWith("!") && (vars == null || !vars.has(name))) {
                int dot = name.indexOf('.');
                refs.add(dot > 0 ? name.substring(0, dot) : name);
            }
            i = end + 1;
        }
    }
}
