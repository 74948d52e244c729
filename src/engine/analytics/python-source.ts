/**
 * The script `python3 -c` runs for a `python://` analytics (Kestrel's kestrel_analytics_python calling convention):
 * argv is the work folder, the module path and the function name. It loads the module as Kestrel does (its folder on
 * sys.path and as the working directory), gives the function one pandas DataFrame per input (reading them from
 * `inputs.json`), the parameters as environment variables, or as keyword arguments when the function takes
 * non-DataFrame parameters (Kestrel 2), and writes what it returned to `result.json`: the DataFrames as records and
 * the display (a string is HTML, a matplotlib figure becomes SVG), or `{error, stage}`.
 */
export const PYTHON_SOURCE = String.raw`
import inspect, io, json, os, sys
from importlib.util import module_from_spec, spec_from_file_location

work, module_path, func_name = sys.argv[1:4]

def finish(result):
    with open(os.path.join(work, 'result.json'), 'w') as f:
        json.dump(result, f)
    sys.exit(0)

def fail(stage, message):
    finish({'error': message, 'stage': stage})

def described(e):
    return f'{type(e).__name__}: {e}'

try:
    import pandas as pd
except ImportError:
    fail('load', f'{sys.executable} cannot import pandas, which Kestrel analytics take their data in (Debian: apt-get install python3-pandas; or set KESTREL_PYTHON)')

with open(os.path.join(work, 'inputs.json')) as f:
    inputs = json.load(f)
with open(os.path.join(work, 'params.json')) as f:
    params = json.load(f)

folder = os.path.dirname(module_path)
sys.path.append(folder)
os.chdir(folder)
try:
    spec = spec_from_file_location('kestrel_analytics_python.analytics', module_path)
    module = module_from_spec(spec)
    spec.loader.exec_module(module)
except ModuleNotFoundError as e:
    fail('load', f'misses the Python package {e.name} (install it for {sys.executable})')
except Exception as e:
    fail('load', described(e))

func = getattr(module, func_name, None)
if not callable(func):
    fail('export', f'{module_path} has no function {func_name}')

signature = inspect.signature(func)
frames = sum(1 for p in signature.parameters.values() if p.annotation is pd.DataFrame)
arity = frames or len(signature.parameters)
if arity != len(inputs):
    fail('run', f'{func_name} takes {arity} variable(s) but APPLY gave {len(inputs)}')

def typed(name, text):
    p = signature.parameters.get(name)
    kind = p.annotation if p is not None and p.annotation in (int, float, bool) else type(p.default) if p is not None and type(p.default) in (int, float, bool) else None
    if kind is bool:
        return text.lower() in ('1', 'true', 'yes')
    try:
        return kind(text) if kind else text
    except ValueError:
        return text

kwargs = {}
if frames == len(signature.parameters) or len(signature.parameters) == 1:
    os.environ.update(params)
else:
    kwargs = {k: typed(k, v) for k, v in params.items()}

dataframes = [pd.DataFrame(i['rows']) for i in inputs]
try:
    out = func(*dataframes, **kwargs)
except Exception as e:
    fail('run', described(e))

frames_out, displays = [], []
for x in (out if isinstance(out, tuple) else (out,)):
    kind = type(x).__module__ + '.' + type(x).__name__
    if isinstance(x, pd.DataFrame):
        frames_out.append(json.loads(x.to_json(orient='records', date_format='iso', default_handler=str)))
    elif isinstance(x, str):
        displays.append(x)
    elif kind == 'matplotlib.figure.Figure':
        svg = io.StringIO()
        x.savefig(svg, format='svg')
        displays.append(svg.getvalue())
    else:
        fail('output', f'{func_name} returned a {kind}: an analytics returns DataFrames, an HTML string or a matplotlib figure')
if len(displays) > 1:
    fail('output', f'{func_name} returned {len(displays)} things to display; at most one')
if frames_out and len(frames_out) != len(inputs):
    fail('output', f'{func_name} returned {len(frames_out)} DataFrame(s) for {len(inputs)} variable(s)')
finish({'frames': frames_out, 'html': displays[0] if displays else None})
`;
