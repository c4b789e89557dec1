"""Mirror the library's exercises through its API, then keep the copy exact.

python api_mirror.py https://pilates.example mirror.json   # again later: only changes
"""

import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path


def get(url: str) -> dict:
    while True:
        try:
            with urllib.request.urlopen(url) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:
            if error.code != 429:
                raise
            time.sleep(int(error.headers.get("Retry-After", "1")))


def mirror(base_url: str, state: dict) -> dict:
    """``state`` is {"position": ..., "exercises": {"language/slug": exercise}}."""
    url = base_url.rstrip("/") + "/api/v1/exercises/?limit=100"
    if state.get("position") is not None:
        url += "&updated_since=" + urllib.parse.quote(state["position"])
    exercises = state.setdefault("exercises", {})
    while url:
        page = get(url)
        for item in page["results"]:
            key = f"{item['language']}/{item['slug']}"
            if item.get("deleted"):
                exercises.pop(key, None)
            else:
                exercises[key] = item
        url, position = page["next"], page["next_updated_since"]
    state["position"] = position  # only once every page is in
    return state


if __name__ == "__main__":
    base_url, path = sys.argv[1], Path(sys.argv[2])
    state = json.loads(path.read_text()) if path.exists() else {}
    path.write_text(json.dumps(mirror(base_url, state), ensure_ascii=False))
