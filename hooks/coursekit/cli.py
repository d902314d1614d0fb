"""The engine's commands for maintainers, run from a course folder as `python -m hooks <command>`."""

from __future__ import annotations

import argparse
import pathlib
import sys

from coursekit.quality import staleness
from coursekit.quiz import report
from coursekit.scaffold import engine, newcourse


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m hooks", description="Commands of the course engine.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="command")

    course = commands.add_parser("new-course", help="write a new course folder that builds as it is")
    course.add_argument("path", type=pathlib.Path, help="a new or empty folder")
    course.add_argument("--languages", default="en", help="language codes, the default first (en,zh)")
    course.add_argument("--title", required=True, help="the course's title")
    course.add_argument("--id", help="the course id that names learners' saved progress (default: from the title)")

    module = commands.add_parser("new-module", help="add a module, with all its files in every language")
    module.add_argument("folder", help="NN-slug, e.g. 08-written-replies; the slug is also the quiz id")
    module.add_argument("--title", help="the module's title (the same in every language until translated)")

    commands.add_parser("schema", help="write the schemas editors check the quiz banks and data files with, for the course's languages")
    commands.add_parser("staleness", help="list pages whose translation may be stale (from git history)")
    commands.add_parser("conversion-report", help="list the risky words OpenCC wrote in each derived language (zh-TW), in context, for a reviewer")
    commands.add_parser("quiz-report", help="per quiz bank: the item-writing checks, where the keys sit, option lengths, the type mix")

    update = commands.add_parser("update-engine", help="replace hooks/ with a newer engine, keeping the course")
    update.add_argument("source", help="a folder holding the engine's hooks/ (a checkout), or a git URL")

    args = parser.parse_args(argv)
    root = pathlib.Path.cwd()
    try:
        if args.command == "new-course":
            written = newcourse.new_course(args.path, args.languages.split(","), args.title, args.id)
            print(f"Wrote the course {written.root} ({len(written.files)} files, and the engine in hooks/).")
            print(f"Next: cd {written.root} && bash .ci/setup && .venv/bin/mkdocs serve")
        elif args.command == "new-module":
            titles = newcourse.codes(root)
            written = newcourse.new_module(root, args.folder, {code: args.title for code in titles} if args.title else None)
            print("Wrote:\n  " + "\n  ".join(written.files))
        elif args.command == "schema":
            print("Wrote " + ", ".join(path.relative_to(root).as_posix() for path in newcourse.schema(root)))
        elif args.command == "staleness":
            return staleness.main(root)
        elif args.command == "conversion-report":
            return _conversion_report(root)
        elif args.command == "quiz-report":
            languages = newcourse.codes(root)
            if not languages:
                raise newcourse.Refused(f"{root / 'mkdocs.yml'}: no extra.languages; expected a course made by `python -m hooks new-course`")
            return report.main(root, languages)
        elif args.command == "update-engine":
            done = engine.update(root / "hooks", args.source)
            print(f"Engine {done.old} -> {done.new}: {len(done.changed)} file(s) changed, {len(done.added)} added, {len(done.removed)} removed.")
            if (root / "quizzes" / "quiz.schema.json").exists():
                newcourse.schema(root)
    except (newcourse.Refused, engine.EngineError) as error:
        print(f"{args.command}: {error}", file=sys.stderr)
        return 2
    return 0


# Helper functions


def _conversion_report(root: pathlib.Path) -> int:
    # Imported here: update-engine must run even where the course's old engine lacks a module these need.
    from coursekit import project
    from coursekit.core.errors import ContentErrors, raise_all
    from coursekit.languages import conversion

    course = project.read_folder(root)
    try:
        raise_all(course.errors)
    except ContentErrors as error:
        print(f"conversion-report: the course does not read:\n{error}", file=sys.stderr)
        return 2
    if not course.converters:
        print("No language of this course is derived by conversion.")
    for code, converter in course.converters.items():
        print(conversion.report(converter, course.converted_sources(code)).text())
    return 0
