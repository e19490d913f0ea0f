"""What a message asks a person to do, when each interface offers it its own way.

Messages from the readers, the store and the services are written for everyone who reads them,
most of all the GUI's users: they say what to do in words ("give its password", "choose the
sheet to import"), never in command-line syntax. An error whose "what to do" is also an option
or a command of the command line carries one of these; the command line adds its own hint for it
(``--password PW``), and the GUI, which asks for these things on its screens, shows the words.
"""

from __future__ import annotations

from enum import Enum


class Remedy(Enum):
    """The request a message ends with, named so an interface can add how it is done there."""

    #: The file is protected: give its password.
    GIVE_PASSWORD = "give_password"
    #: Several sheets hold data: choose the sheet to read.
    CHOOSE_SHEET = "choose_sheet"
    #: Only hidden sheets hold data: unhide the one to read (or name it where that can be done).
    CHOOSE_HIDDEN_SHEET = "choose_hidden_sheet"
    #: No column was recognised: choose a saved column mapping.
    CHOOSE_MAPPING = "choose_mapping"
    #: An attendee list was given without the event's name.
    NAME_EVENT = "name_event"
    #: The event is not on file: import its attendee list first.
    IMPORT_ATTENDEES = "import_attendees"
    #: The coming event belongs to no series: name the series of its earlier editions.
    NAME_PAST_SERIES = "name_past_series"
    #: The coming event has no date: name its earlier editions one by one.
    NAME_PAST_EVENTS = "name_past_events"
    #: No campaign has that number or name: look the campaigns up.
    LOOK_UP_CAMPAIGN = "look_up_campaign"
    #: The member is not on the campaign: look its calls up.
    LOOK_UP_CALL = "look_up_call"
    #: The outcome asks for a callback: give the time to call back.
    GIVE_CALLBACK = "give_callback"
    #: The database's schema is older than this release's: upgrade it.
    UPGRADE_DATABASE = "upgrade_database"
