#!/usr/bin/env python3
"""Writes a CSV of N generated Safe Places ("Bench place 1" ...) for bench/safe-places.sh, in the import format.

Coordinates fall inside BCP; postcodes are shaped like BH ones but generated, so they are not real venues.
Seeded: two runs write the same file.
"""
import csv, random, sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 20261127)
categories = ["shop", "cafe", "pharmacy", "library", "community-centre", "transport", "other"]
facilities = ["private-room", "phone", "step-free", "accessible-toilet", "quiet-space", "ani-trained"]
schemes = ["safe-places", "safe-spaces", "ask-for-ani"]
hours = ["09:00-17:30", "08:00-20:00", "09:00-12:00, 13:00-17:00", "10:00-16:00", "07:00-23:00", "22:00-02:00", "00:00-24:00", ""]
days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
w = csv.writer(sys.stdout, lineterminator="\r\n")
w.writerow(["name", "category", "address", "postcode", "area", "locality", "latitude", "longitude", *days,
            "closed_dates", "facilities", "schemes", "phone", "description", "last_verified"])
for i in range(1, n + 1):
    lat = round(rng.uniform(50.70, 50.78), 5)
    lon = round(rng.uniform(-2.02, -1.70), 5)
    area = "Poole" if lon < -1.93 else "Christchurch" if lon > -1.78 else "Bournemouth"
    district = rng.randint(1, 23)
    postcode = f"BH{district} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
    week = [rng.choice(hours[:-1])] * 5 + [rng.choice(hours), rng.choice(hours)]
    w.writerow([f"Bench place {i}", rng.choice(categories), f"{i} Bench Street, Bournemouth", postcode, area, "",
                lat, lon, *week, "2026-12-25" if rng.random() < 0.3 else "",
                " ".join(f for f in facilities if rng.random() < 0.4), " ".join(s for s in schemes if rng.random() < 0.5) or "safe-places",
                "", "", f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}"])
