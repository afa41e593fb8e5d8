#!/usr/bin/env python3
"""Lists, per CloudFormation type Gureum registers, the ``Fn::GetAtt`` attributes AWS's resource schema gives that
the type's handler does not set.

The handlers are read from ``META-INF/services/io.gureum.cloudformation.resource.ResourceHandler`` and the
engine's own (``ENGINE``); a handler's
attributes are the string literals of its ``.attribute("…"`` calls (and its superclass's). The schemas are AWS's
published resource provider schemas as the template linter cfn-lint ships them (``pip install cfn-lint``); its
GetAtt list is the schema's ``readOnlyProperties`` (nested ones as ``A.B``), plus every property for the types whose
every property CloudFormation lets ``Fn::GetAtt`` read. Run offline from the repository's root:

    python3 scripts/cfn-attribute-audit.py

Each line is ``RO <type> <attributes>`` (read-only properties the handler does not set) or ``PROPERTY <type>
<attributes>`` (properties of the read-every-property types it does not set itself: ``PropertyAttributes`` gives
them from the template when the template has them). Attributes set under computed names (a loop over a map,
``PropertyAttributes``) are not seen: read a handler before calling an attribute missing.
"""
import glob
import os
import re
import sys

from cfnlint.schema import PROVIDER_SCHEMA_MANAGER

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'service-cloudformation', 'src', 'main')


# The handlers the engine registers itself (CloudFormationInstance), beside the service file's.
# Their type, for those naming it through a constant.
ENGINE = {'io.gureum.cloudformation.engine.NestedStackHandler': [],
          'io.gureum.cloudformation.MacroHandler': ['AWS::CloudFormation::Macro'],
          'io.gureum.cloudformation.resource.cloudformation.WaitConditionHandler': [],
          'io.gureum.cloudformation.resource.cloudformation.WaitConditionHandleHandler': [],
          'io.gureum.cloudformation.resource.cloudformation.StackSetHandler': ['AWS::CloudFormation::StackSet']}


def handlers():
    registry = os.path.join(ROOT, 'resources', 'META-INF', 'services',
                            'io.gureum.cloudformation.resource.ResourceHandler')
    out = {}
    for cls in open(registry).read().split() + list(ENGINE):
        src = open(os.path.join(ROOT, 'java', *cls.split('.')) + '.java').read()
        types = re.findall(r'return "((?:AWS|Custom)::[^"]+)"', src) + re.findall(r'super\("(AWS::[^"]+)"', src)
        types = types or ENGINE.get(cls, [])
        parent = re.search(r'extends (\w+)', src)
        if parent:
            for f in glob.glob(os.path.join(ROOT, 'java', '**', parent.group(1) + '.java'), recursive=True):
                src += open(f).read()
        attrs = set(re.findall(r'\.attribute\(\s*"([^"]+)"', src))
        for t in types or ['?' + cls]:
            out.setdefault(t, attrs)
    return out


def main():
    for t, have in sorted(handlers().items()):
        try:
            schema = PROVIDER_SCHEMA_MANAGER.get_resource_schema('us-east-1', t)
        except Exception:  # a type cfn-lint does not know (AWS::CDK::Metadata, Custom::…)
            print(f'NO-SCHEMA\t{t}')
            continue
        read_only = {p.split('/properties/', 1)[1].replace('/', '.')
                     for p in schema.schema.get('readOnlyProperties', [])}
        everything = set(schema.get_atts.keys())
        missing = sorted(a for a in read_only if a not in have and '*' not in a)
        properties = sorted(a for a in everything - read_only if a not in have)
        if missing:
            print(f"RO\t{t}\t{','.join(missing)}")
        if properties:
            print(f"PROPERTY\t{t}\t{','.join(properties)}")
    return 0


if __name__ == '__main__':
    sys.exit(main())
