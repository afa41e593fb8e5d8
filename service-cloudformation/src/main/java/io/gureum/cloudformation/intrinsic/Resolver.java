package io.gureum.cloudformation.intrinsic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gureum.cloudformation.template.TemplateError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Evaluates intrinsic functions and condition functions over a {@link Scope} ("Intrinsic function
 * reference"): {@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub}, {@code Fn::Join}, {@code Fn::Select},
 * {@code Fn::Split}, {@code Fn::GetAZs}, {@code Fn::Cidr}, {@code Fn::ImportValue}, {@code Fn::FindInMap},
 * {@code Fn::If}, {@code Fn::Base64}, {@code Fn::Length}, {@code Fn::ToJsonString} and the condition
 * functions. {@code AWS::NoValue} removes the property or list element that holds it.
 */
public final class Resolver {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Marks a value {@code AWS::NoValue} produced; removed by the enclosing object or array. */
    static final JsonNode NO_VALUE = NODES.textNode("\u0000AWS::NoValue");

    private final Scope scope;

    public Resolver(Scope scope) {
        this.scope = scope;
    }

    /** {@code node} with every function evaluated; null when the whole value is {@code AWS::NoValue}. */
    public JsonNode resolve(JsonNode node) {
        JsonNode v = eval(node);
        return v == NO_VALUE ? null : v;
    }

    /** A condition function's value. */
    public boolean condition(JsonNode node) {
        JsonNode v = eval(node);
        if (!v.isBoolean() && !(v.isTextual() && (v.asText().equals("true") || v.asText().equals("false")))) {
            throw TemplateError.format("Conditions can only be boolean operations on parameters and other conditions");
        }
        return v.asBoolean();
    }

    private JsonNode eval(JsonNode node) {
        if (node == null) {
            return NODES.nullNode();
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            for (JsonNode e : node) {
                JsonNode v = eval(e);
                if (v != NO_VALUE) {
                    out.add(v);
                }
            }
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        if (node.size() == 1) {
            Map.Entry<String, JsonNode> only = node.fields().next();
            String name = only.getKey();
            if (name.equals("Ref") || name.startsWith("Fn::") || name.equals("Condition") && isConditionName(only)) {
                return function(name, only.getValue());
            }
        }
        ObjectNode out = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = eval(e.getValue());
            if (v != NO_VALUE) {
                out.set(e.getKey(), v);
            }
        }
        return out;
    }

    private static boolean isConditionName(Map.Entry<String, JsonNode> e) {
        return e.getValue().isTextual();
    }

    private JsonNode function(String name, JsonNode arg) {
        return switch (name) {
            case "Ref" -> ref(eval(arg).asText());
            case "Condition" -> NODES.booleanNode(scope.condition(arg.asText()));
            case "Fn::GetAtt" -> getAtt(arg);
            case "Fn::Sub" -> NODES.textNode(Sub.evaluate(arg, this, scope));
            case "Fn::Join" -> join(arg);
            case "Fn::Select" -> select(arg);
            case "Fn::Split" -> split(arg);
            case "Fn::GetAZs" -> getAzs(arg);
            case "Fn::Cidr" -> cidr(arg);
            case "Fn::ImportValue" -> NODES.textNode(scope.importValue(text(eval(arg), "Fn::ImportValue")));
            case "Fn::FindInMap" -> findInMap(arg);
            case "Fn::If" -> ifThen(arg);
            case "Fn::Base64" -> NODES.textNode(Base64.getEncoder()
                    .encodeToString(text(eval(arg), "Fn::Base64").getBytes(StandardCharsets.UTF_8)));
            case "Fn::Length" -> length(arg);
            case "Fn::ToJsonString" -> toJsonString(arg);
            case "Fn::Equals" -> equalsFn(arg);
            case "Fn::And" -> and(arg);
            case "Fn::Or" -> or(arg);
            case "Fn::Not" -> not(arg);
            default -> throw TemplateError.format("Unrecognized function \"" + name + "\"" );
        };
    }

    private JsonNode ref(String target) {
        if (target.equals("AWS::NoValue")) {
            return NO_VALUE;
        }
        JsonNode p = scope.parameter(target);
        if (p != null) {
            return p;
        }
        JsonNode pseudo = scope.pseudo(target);
        if (pseudo != null) {
            return pseudo;
        }
        if (scope.isResource(target)) {
            return NODES.textNode(scope.physicalId(target));
        }
        throw TemplateError.format("Unresolved resource dependencies [" + target
                + "] in the Resources block of the template");
    }

    private JsonNode getAtt(JsonNode arg) {
        String resource;
        String attribute;
        if (arg.isTextual()) {
            String s = arg.asText();
            int dot = s.indexOf('.');
            resource = dot < 0 ? s : s.substring(0, dot);
            attribute = dot < 0 ? "" : s.substring(dot + 1);
        } else if (arg.isArray() && arg.size() == 2) {
            resource = arg.get(0).asText();
            attribute = text(eval(arg.get(1)), "Fn::GetAtt");
        } else {
            throw TemplateError.template("Fn::GetAtt requires two arguments: the resource and the attribute");
        }
        if (!scope.isResource(resource)) {
            throw TemplateError.template("instance of Fn::GetAtt references undefined resource " + resource);
        }
        return scope.attribute(resource, attribute);
    }

    private JsonNode join(JsonNode arg) {
        if (!arg.isArray() || arg.size() != 2) {
            throw TemplateError.template("every Fn::Join object requires two parameters, (1) a string delimiter and"
                    + " (2) a list of strings to be joined or a function that returns a list of strings (such as"
                    + " Fn::GetAZs) to be joined.");
        }
        String delimiter = eval(arg.get(0)).asText();
        JsonNode list = eval(arg.get(1));
        if (!list.isArray()) {
            throw TemplateError.template("every Fn::Join object requires two parameters, (1) a string delimiter and"
                    + " (2) a list of strings to be joined or a function that returns a list of strings (such as"
                    + " Fn::GetAZs) to be joined.");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                sb.append(delimiter);
            }
            sb.append(text(list.get(i), "Fn::Join"));
        }
        return NODES.textNode(sb.toString());
    }

    private JsonNode select(JsonNode arg) {
        if (!arg.isArray() || arg.size() != 2) {
            throw TemplateError.template("Fn::Select requires a list argument with two elements: an integer index"
                    + " and a list");
        }
        JsonNode index = eval(arg.get(0));
        JsonNode list = eval(arg.get(1));
        int i;
        try {
            i = Integer.parseInt(index.asText());
        } catch (NumberFormatException e) {
            throw TemplateError.template("Fn::Select requires a list argument with two elements: an integer index"
                    + " and a list");
        }
        if (!list.isArray() || i < 0 || i >= list.size()) {
            throw TemplateError.template("Fn::Select cannot select nonexistent value at index " + i);
        }
        return list.get(i);
    }

    private JsonNode split(JsonNode arg) {
        if (!arg.isArray() || arg.size() != 2) {
            throw TemplateError.template("Fn::Split requires two parameters: a delimiter and a source string");
        }
        String delimiter = eval(arg.get(0)).asText();
        String source = text(eval(arg.get(1)), "Fn::Split");
        ArrayNode out = NODES.arrayNode();
        int from = 0;
        while (true) {
            int at = delimiter.isEmpty() ? -1 : source.indexOf(delimiter, from);
            if (at < 0) {
                out.add(source.substring(from));
                return out;
            }
            out.add(source.substring(from, at));
            from = at + delimiter.length();
        }
    }

    private JsonNode getAzs(JsonNode arg) {
        String region = eval(arg).asText();
        ArrayNode out = NODES.arrayNode();
        scope.availabilityZones(region.isEmpty() ? scope.region() : region).forEach(out::add);
        return out;
    }

    private JsonNode cidr(JsonNode arg) {
        if (!arg.isArray() || arg.size() != 3) {
            throw TemplateError.template("Fn::Cidr requires three arguments: ipBlock, count and cidrBits");
        }
        String block = text(eval(arg.get(0)), "Fn::Cidr");
        int count;
        int bits;
        try {
            count = Integer.parseInt(eval(arg.get(1)).asText());
            bits = Integer.parseInt(eval(arg.get(2)).asText());
        } catch (NumberFormatException e) {
            throw TemplateError.template("Fn::Cidr requires three arguments: ipBlock, count and cidrBits");
        }
        ArrayNode out = NODES.arrayNode();
        Cidr.subnets(block, count, bits).forEach(out::add);
        return out;
    }

    private JsonNode findInMap(JsonNode arg) {
        if (!arg.isArray() || arg.size() < 3) {
            throw TemplateError.template("Fn::FindInMap requires three arguments: map name, top-level key and"
                    + " second-level key");
        }
        String map = eval(arg.get(0)).asText();
        String top = eval(arg.get(1)).asText();
        String second = eval(arg.get(2)).asText();
        JsonNode value = scope.mappings().path(map).path(top).get(second);
        if (value == null) {
            // With AWS::LanguageExtensions a fourth argument {DefaultValue: …} answers a missing key.
            if (arg.size() == 4 && arg.get(3).has("DefaultValue")) {
                return eval(arg.get(3).get("DefaultValue"));
            }
            if (!scope.mappings().has(map)) {
                throw TemplateError.template("Unable to get mapping for " + map + "::" + top + "::" + second);
            }
            throw TemplateError.template("Unable to get mapping for " + map + "::" + top + "::" + second);
        }
        return value;
    }

    private JsonNode ifThen(JsonNode arg) {
        if (!arg.isArray() || arg.size() != 3) {
            throw TemplateError.template("Fn::If requires a list argument with three elements");
        }
        return scope.condition(arg.get(0).asText()) ? eval(arg.get(1)) : eval(arg.get(2));
    }

    private JsonNode length(JsonNode arg) {
        JsonNode list = eval(arg);
        if (!list.isArray()) {
            throw TemplateError.template("Fn::Length requires a list argument");
        }
        return NODES.numberNode(list.size());
    }

    private JsonNode toJsonString(JsonNode arg) {
        try {
            return NODES.textNode(JSON.writeValueAsString(eval(arg)));
        } catch (JsonProcessingException e) {
            throw TemplateError.template("Fn::ToJsonString cannot serialise its argument");
        }
    }

    private JsonNode equalsFn(JsonNode arg) {
        if (!arg.isArray() || arg.size() != 2) {
            throw TemplateError.template("Fn::Equals requires a list argument with two elements");
        }
        JsonNode a = eval(arg.get(0));
        JsonNode b = eval(arg.get(1));
        boolean same = a.isValueNode() && b.isValueNode() ? a.asText().equals(b.asText()) : a.equals(b);
        return NODES.booleanNode(same);
    }

    private JsonNode and(JsonNode arg) {
        checkConditionList(arg, "Fn::And");
        boolean all = true;
        for (JsonNode c : arg) {
            all &= condition(c);
        }
        return NODES.booleanNode(all);
    }

    private JsonNode or(JsonNode arg) {
        checkConditionList(arg, "Fn::Or");
        boolean any = false;
        for (JsonNode c : arg) {
            any |= condition(c);
        }
        return NODES.booleanNode(any);
    }

    private JsonNode not(JsonNode arg) {
        if (!arg.isArray() || arg.size() != 1) {
            throw TemplateError.template("Fn::Not requires a list argument with one function token");
        }
        return NODES.booleanNode(!condition(arg.get(0)));
    }

    private static void checkConditionList(JsonNode arg, String fn) {
        if (!arg.isArray() || arg.size() < 2 || arg.size() > 10) {
            throw TemplateError.template(fn + " requires a list argument with between 2 and 10 function tokens");
        }
    }

    /** A scalar as text; lists and objects where a string is required fail as AWS fails them. */
    static String text(JsonNode v, String fn) {
        if (v == null || v.isContainerNode()) {
            throw TemplateError.template("every " + fn + " object requires a string value or a function that"
                    + " returns a string");
        }
        return v.asText();
    }

    /** Evaluates {@code node} (for {@link Sub}'s variable map). */
    JsonNode evaluate(JsonNode node) {
        return eval(node);
    }

    /** A list parameter's or attribute's elements joined, for {@code Fn::Sub}, which takes strings only. */
    static String scalar(JsonNode v, String name) {
        if (v.isArray()) {
            throw TemplateError.template("variable " + name + " in Fn::Sub expression does not resolve to a string");
        }
        return v.asText();
    }
}
