"""Runs AWS CLI v1 commands one after another in this one Python process.

Each request is a JSON line {"args": [...], "env": {...}} on stdin; each answer is a JSON line
{"exit": n, "stdout": "...", "stderr": "..."} on stdout. The CLI's own entry point
(awscli.clidriver) runs every command with a fresh driver and session, exactly as the
`aws` script does; only the interpreter start and the imports are shared, which are most
of a CLI call's cost. The process ends when stdin closes.
"""
import io
import json
import os
import sys
import traceback

from awscli.clidriver import create_clidriver

# What importing awscli put in the environment (AWS_DATA_PATH); the JVM starts this process without
# AWS_* variables of its own.
IMPORTED = {n: v for n, v in os.environ.items() if n.startswith("AWS_")}


def run(args, env):
    # Exactly the command's AWS_* variables, as a fresh `aws` process started with them would see.
    for name in [n for n in os.environ if n.startswith("AWS_")]:
        del os.environ[name]
    os.environ.update(IMPORTED)
    os.environ.update(env)
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", write_through=True)
    err = io.TextIOWrapper(err_bytes, encoding="utf-8", write_through=True)
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = create_clidriver().main(args)
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 255)
    except BaseException:
        traceback.print_exc()
        code = 255
    finally:
        out.flush()
        err.flush()
        sys.stdout, sys.stderr = saved
    return {"exit": code,
            "stdout": out_bytes.getvalue().decode("utf-8", "replace"),
            "stderr": err_bytes.getvalue().decode("utf-8", "replace")}


def main():
    answers = sys.stdout
    for line in sys.stdin:
        if line.strip():
            request = json.loads(line)
            answers.write(json.dumps(run(request["args"], request.get("env", {}))) + "\n")
            answers.flush()


if __name__ == "__main__":
    main()
