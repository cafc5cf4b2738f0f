"""Show how a document with several mistakes is refused with every problem at once."""

import json

import community_policing as cp


def main() -> None:
    """Break a copy of the embedded sample in three places and try to load it."""
    document = json.loads(cp.dumps(cp.sample.jurisdiction()))
    document["management_grids"][0]["community"] = "v-nowhere"
    document["persons"][1]["phone"] = "not a phone"
    document["police_grids"][0]["officer"] = "p-1"
    try:
        cp.loads(json.dumps(document, ensure_ascii=False))
    except cp.DocumentError as error:
        print(error)
        for problem in error.problems:
            print(f"rule={problem.rule} path={problem.path}")
    else:
        raise SystemExit("the broken document was accepted")


if __name__ == "__main__":
    main()
