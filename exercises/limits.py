"""How many child rows one exercise may hold, shared by the importer and the admin.

An editor must still be able to open and save every exercise in the admin, where each inline
row costs a handful of form fields (Django refuses a form with more than
``DATA_UPLOAD_MAX_NUMBER_FIELDS``), so imports are capped at what that form can carry.
"""

MAX_STEPS = 100
MAX_MODIFICATIONS = 100
MAX_FAQS = 100
MAX_VIDEOS = 100

# A duration or a video start beyond a day is a typo or an attack, never an exercise.
MAX_SECONDS = 24 * 60 * 60
